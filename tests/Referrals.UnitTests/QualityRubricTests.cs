using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class QualityRubricTests
{
    [Fact]
    public void Weights_add_up_to_100_and_codes_are_unique()
    {
        Assert.Equal(100, QualityRubric.Elements.Sum(e => e.Weight));
        Assert.Equal(QualityRubric.Elements.Count, QualityRubric.Elements.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void A_thin_referral_scores_low_and_says_what_is_missing()
    {
        var thin = new ReferralForm
        {
            Children = [new ChildDetails { FirstName = "Sam", LastName = "Example", EstimatedAgeYears = 8 }],
            Concern = new ConcernDetails { Categories = ["neglect"], WhatHappened = "worried about him, please visit" },
            Consent = new ConsentDetails { ParentsAware = false, ParentsConsented = false },
            ReferrerView = new ReferrerView { LevelOfNeed = 3, Risk = RiskLevel.Medium },
        };

        var assessment = QualityRubric.Assess(thin);

        Assert.Equal(0, assessment.Score);
        Assert.All(assessment.Findings, f => Assert.False(f.Met));
        Assert.Contains(assessment.Findings, f => f.Message == "The child's voice is not recorded.");
        Assert.Equal(QualityRubric.Version, assessment.RubricVersion);
    }

    [Fact]
    public void A_full_referral_scores_full_marks()
    {
        var assessment = QualityRubric.Assess(Full());
        Assert.Equal(100, assessment.Score);
        Assert.All(assessment.Findings, f => Assert.Null(f.Message));
    }

    [Theory]
    [InlineData("childs-voice", 15)]
    [InlineData("strengths", 10)]
    [InlineData("actions-taken", 10)]
    public void Not_known_is_information_but_earns_no_marks(string code, int weight)
    {
        var concern = Full().Concern! with
        {
            ChildsVoice = code == "childs-voice" ? "not known" : Full().Concern!.ChildsVoice,
            WhatIsGoingWell = code == "strengths" ? "Not known" : Full().Concern!.WhatIsGoingWell,
            ActionsAlreadyTaken = code == "actions-taken" ? "" : Full().Concern!.ActionsAlreadyTaken,
        };
        var assessment = QualityRubric.Assess(Full() with { Concern = concern });
        Assert.Equal(100 - weight, assessment.Score);
        Assert.False(assessment.Findings.Single(f => f.Code == code).Met);
    }

    [Fact]
    public void A_child_who_cannot_be_found_costs_the_identifiers_marks()
    {
        var form = Full() with { Children = [Full().Children![0] with { NhsNumber = "not known", Postcode = "not known" }] };
        Assert.False(QualityRubric.Assess(form).Findings.Single(f => f.Code == "child-identifiers").Met);
    }

    [Fact]
    public void No_consent_with_a_reason_still_addresses_consent()
    {
        var form = Full() with { Consent = new ConsentDetails { ParentsAware = false, ParentsAwareReason = "Would increase risk.", ParentsConsented = false, ConsentReason = "As above." } };
        Assert.Equal(100, QualityRubric.Assess(form).Score);
    }

    private static ReferralForm Full() => new()
    {
        Referrer = new ReferrerDetails { Phone = "01332 000 000", Email = "dsl@school.example.org", SafeguardingLeadConsulted = Answer.Yes },
        Children = [new ChildDetails { FirstName = "Amy", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14), NhsNumber = "9434765919", Address = "1 Sample Street", Postcode = "DE1 2FS" }],
        Consent = new ConsentDetails { ParentsAware = true, ParentsConsented = true },
        Concern = new ConcernDetails
        {
            Categories = ["neglect"],
            WhatHappened = new string('x', QualityRubric.SpecificConcernLength),
            WhenAndWhere = "Monday, at school.", HowKnown = "Seen by teacher.", ChildsVoice = "Says she is hungry.",
            WhatIsGoingWell = "Attends every day.", ActionsAlreadyTaken = "Breakfast club.", OtherProfessionals = "School nurse.",
        },
        ReferrerView = new ReferrerView { LevelOfNeed = 3, Risk = RiskLevel.Medium, RiskReason = "Pattern of neglect." },
    };
}
