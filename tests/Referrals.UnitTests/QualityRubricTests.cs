using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class QualityRubricTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static QualityRubric.Assessment Assess(ReferralForm form) => QualityRubric.Assess(form, Today);

    private static QualityRubric.Finding Element(ReferralForm form, string code) => Assess(form).Findings.Single(f => f.Code == code);

    [Fact]
    public void Weights_add_up_to_100_and_every_rule_fits_its_element()
    {
        Assert.Equal(100, QualityRubric.Elements.Sum(e => e.Weight));
        Assert.Equal(QualityRubric.Elements.Count, QualityRubric.Elements.Select(e => e.Code).Distinct().Count());
        var rules = QualityRubric.Elements.SelectMany(e => e.Rules).ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.Code).Distinct().Count());
        Assert.All(QualityRubric.Elements, e => Assert.All(e.Rules, r => Assert.True(r.Points <= e.Weight, r.Code)));
    }

    [Fact]
    public void An_excellent_referral_scores_full_marks_and_bands_good_with_every_finding_quoting_what_earned_it()
    {
        var assessment = Assess(Excellent());
        Assert.Equal((100, QualityRating.Good, QualityRubric.Version), (assessment.Score, assessment.Band, assessment.RubricVersion));
        Assert.All(assessment.Findings, f => Assert.True(f.Met && f.Points == f.Weight && f.Found!.Count > 0, f.Code));
        Assert.All(assessment.Findings, f => Assert.Empty(f.Prompts!));
    }

    [Fact]
    public void Length_never_earns_points_by_itself()
    {
        var once = Excellent();
        var repeated = once with { Concern = once.Concern! with { WhatHappened = string.Join(" ", Enumerable.Repeat(once.Concern.WhatHappened, 8)) } };
        Assert.Equal(Assess(once).Score, Assess(repeated).Score);

        var vague = Excellent() with { Concern = new ConcernDetails { WhatHappened = "We have had concerns for some time and mum is struggling." } };
        var longer = vague with { Concern = vague.Concern! with { WhatHappened = string.Join(" ", Enumerable.Repeat(vague.Concern.WhatHappened, 40)) } };
        Assert.Equal(Assess(vague).Score, Assess(longer).Score);
        Assert.Equal(0, Element(longer, "what-happened").Points);
    }

    [Fact]
    public void A_stock_phrase_of_general_worry_counts_against_specificity_and_is_quoted()
    {
        var plain = Excellent();
        var padded = plain with { Concern = plain.Concern! with { WhatHappened = plain.Concern.WhatHappened + " Mum is struggling. There are lots of issues at home." } };
        var finding = Element(padded, "what-happened");
        Assert.Equal(Element(plain, "what-happened").Points - 6, finding.Points);
        Assert.Contains(finding.Found!, e => e is { Rule: "vague-worry", Words: "Mum is struggling" });
        Assert.Contains(finding.Prompts!, p => p.Path == "concern.whatHappened" && p.Message.Contains("\"lots of issues\""));
    }

    [Fact]
    public void General_worry_earns_nothing_for_what_happened_even_with_a_date_and_a_place()
    {
        var form = Excellent() with { Concern = new ConcernDetails { WhatHappened = "On Monday at school there were concerns again; lots of issues at home." } };
        var finding = Element(form, "what-happened");
        Assert.Equal(0, finding.Points);
        Assert.Contains(finding.Prompts!, p => p.Path == "concern.whatHappened" && p.Message.Contains("specific event"));
    }

    [Theory]
    [InlineData("No marks or bruises were seen and nothing was disclosed.", 0)]
    [InlineData("Police attended; no offences disclosed.", 0)]
    [InlineData("A bruise was seen on her arm; nothing else was disclosed.", 6)]
    public void What_a_sentence_denies_earns_nothing(string whatHappened, int harm)
    {
        var finding = Element(Excellent() with { Concern = new ConcernDetails { WhatHappened = whatHappened } }, "what-happened");
        Assert.Equal(harm, finding.Found!.Where(e => e.Rule == "harm").Sum(_ => 6));
        Assert.DoesNotContain(finding.Found!, e => e.Rule == "disclosure");
    }

    [Theory]
    [InlineData("Ellie does not really talk about home.", 0)]
    [InlineData("Ellie hasn't said anything about it.", 0)]
    [InlineData("Ellie said 'mummy's friend hurt me'.", 15)]
    [InlineData("She told me she is scared of the dark at home.", 15)]
    [InlineData("Ellie seemed frightened and flinched when I raised my hand.", 8)]
    public void The_childs_voice_is_what_the_child_said_or_did(string voice, int points)
    {
        var form = Excellent() with { Concern = new ConcernDetails { WhatHappened = "Ellie has a bruise on her arm.", ChildsVoice = voice } };
        Assert.Equal(points, Element(form, "childs-voice").Points);
    }

    [Fact]
    public void What_was_observed_of_a_child_too_young_to_speak_is_the_childs_voice()
    {
        var toddler = Excellent().WithChild(c => c with { FirstName = "Ellie", DateOfBirth = Today.AddYears(-2) }) with
        {
            Concern = new ConcernDetails { WhatHappened = "Ellie has a bruise on her arm.", ChildsVoice = "Ellie flinched and cried when her nappy was changed." },
        };
        Assert.Equal(15, Element(toddler, "childs-voice").Points);
    }

    [Theory]
    [InlineData("I saw the bruise myself.", 10)]
    [InlineData("A neighbour told me on Friday.", 10)]
    [InlineData("Apparently it happens a lot.", 4)]
    [InlineData("From school.", 0)]
    public void First_hand_and_named_second_hand_sources_are_both_acceptable_when_said(string howKnown, int points)
    {
        var form = Excellent() with { Concern = new ConcernDetails { WhatHappened = "Dad hits the children.", HowKnown = howKnown } };
        var finding = Element(form, "how-known");
        Assert.Equal(points, finding.Points);
        Assert.Equal(points < 10, finding.Prompts!.Any(p => p.Path == "concern.howKnown"));
    }

    [Fact]
    public void Not_known_answers_are_accepted_and_scored_as_missing_with_a_prompt_at_the_field()
    {
        var form = Excellent().WithChild(c => c with { LastName = "not known", DateOfBirth = null, NhsNumber = "not known", Address = "not known" }) with
        {
            Consent = new ConsentDetails { ParentsAware = Answer.NotKnown, ParentsConsented = Answer.NotKnown },
            ReferrerView = new ReferrerView { LevelOfNeed = LevelsOfNeed.NotKnown, Risk = RiskLevel.NotKnown },
        };
        var assessment = Assess(form);
        var prompts = assessment.Findings.SelectMany(f => f.Prompts!).Select(p => p.Path).ToList();
        Assert.Subset(prompts.ToHashSet(), new HashSet<string>
        {
            "consent.parentsConsented", "consent.parentsAware", "referrerView.levelOfNeed", "referrerView.risk", "referrerView.riskReason",
            "children[0].lastName", "children[0].dateOfBirth", "children[0].nhsNumber",
        });
        Assert.Equal(0, Element(form, "consent-addressed").Points);
        Assert.Equal(0, Element(form, "child-identifiers").Points);
    }

    [Fact]
    public void An_early_help_request_without_consent_is_told_why_consent_matters()
    {
        var form = Excellent() with
        {
            Consent = new ConsentDetails { ParentsAware = Answer.Yes, ParentsConsented = Answer.No, ConsentReason = "Mum said no." },
            ReferrerView = new ReferrerView { LevelOfNeed = 2, Risk = RiskLevel.Low },
        };
        var finding = Element(form, "consent-addressed");
        Assert.True(finding.Met);
        Assert.Contains(finding.Prompts!, p => p.Path == "consent.parentsConsented" && p.Message.Contains("family's agreement"));
        Assert.True(Referral.IsEarlyHelpWithoutConsent(form));
        Assert.False(Referral.IsEarlyHelpWithoutConsent(form with { ReferrerView = new ReferrerView { LevelOfNeed = 3 } }));
    }

    [Fact]
    public void A_domestic_abuse_notifications_fields_count_as_information()
    {
        var bare = Excellent() with
        {
            Concern = new ConcernDetails { WhatHappened = "Domestic incident at the address." },
            ReferrerView = new ReferrerView { LevelOfNeed = 3 },
        };
        var notified = bare with
        {
            DomesticAbuse = new DomesticAbuseNotification { RiskLevel = DomesticAbuseRisk.High, ChildrenPresent = Answer.Yes, MaracReferralMade = Answer.Yes },
        };
        Assert.True(Assess(notified).Score >= Assess(bare).Score + 30, $"{Assess(notified).Score} against {Assess(bare).Score}");
        Assert.Contains(Element(notified, "what-happened").Found!, e => e.Path == "domesticAbuse.childrenPresent");
        Assert.Contains(Element(notified, "actions-taken").Found!, e => e.Path == "domesticAbuse.maracReferralMade");
        Assert.Contains(Element(notified, "level-of-need-reasoned").Found!, e => e.Path == "domesticAbuse.riskLevel");
    }

    [Fact]
    public void Facts_count_wherever_they_are_written_on_the_form()
    {
        var inTheirBoxes = Excellent();
        var allInOne = inTheirBoxes with
        {
            Concern = new ConcernDetails
            {
                WhatHappened = string.Join(" ", new[] { inTheirBoxes.Concern!.WhatHappened, inTheirBoxes.Concern.HowKnown, inTheirBoxes.Concern.ChildsVoice,
                    inTheirBoxes.Concern.WhatIsGoingWell, inTheirBoxes.Concern.ActionsAlreadyTaken, inTheirBoxes.Concern.OtherProfessionals }),
            },
        };
        foreach (var code in new[] { "what-happened", "how-known", "childs-voice", "actions-taken", "other-professionals" })
            Assert.True(Element(allInOne, code).Points == Element(inTheirBoxes, code).Points, code);
    }

    [Theory]
    [InlineData(100, QualityRating.Good)]
    [InlineData(65, QualityRating.Good)]
    [InlineData(64, QualityRating.Adequate)]
    [InlineData(40, QualityRating.Adequate)]
    [InlineData(39, QualityRating.Poor)]
    [InlineData(0, QualityRating.Poor)]
    public void Bands_set_the_score_beside_a_practitioners_rating(int score, QualityRating band) => Assert.Equal(band, QualityRubric.BandOf(score));

    private static ReferralForm Excellent() => new()
    {
        Referrer = new ReferrerDetails { Phone = "01332 000 000", Email = "dsl@school.example.org", SafeguardingLeadConsulted = Answer.Yes },
        Children = [new ChildDetails { FirstName = "Amy", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14), NhsNumber = "9434765919",
            Address = "1 Sample Street", Postcode = "DE1 2FS" }],
        Consent = new ConsentDetails { ParentsAware = Answer.Yes, ParentsConsented = Answer.Yes },
        Concern = new ConcernDetails
        {
            Categories = ["physical-abuse-by-adult"],
            WhatHappened = "Amy arrived at school on Tuesday 24 November with a bruise on her cheek; she said her stepdad slapped her.",
            HowKnown = "I saw the bruise myself.",
            ChildsVoice = "Amy said 'he hits me when I'm naughty'.",
            WhatIsGoingWell = "Her grandmother collects her every Friday and Amy attends every day.",
            ActionsAlreadyTaken = "Spoke to the DSL and completed a body map.",
            OtherProfessionals = "School nurse.",
        },
        ReferrerView = new ReferrerView { LevelOfNeed = 3, Risk = RiskLevel.High, RiskReason = "High because an adult hit her face." },
    };
}

internal static class FormChanges
{
    public static ReferralForm WithChild(this ReferralForm form, Func<ChildDetails, ChildDetails> change) =>
        form with { Children = [change(form.Children![0])] };
}
