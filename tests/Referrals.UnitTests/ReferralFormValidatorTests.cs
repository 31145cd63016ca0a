using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Features.Referrals;

namespace Referrals.UnitTests;

public sealed class ReferralFormValidatorTests
{
    private sealed class Agencies : IOptionsMonitor<AgencyOptions>
    {
        public AgencyOptions CurrentValue { get; } = new()
        {
            Agencies = [new() { Code = "SCH-DERBY-MOOR", Name = "Derby Moor Academy", Type = AgencyType.School }, new() { Code = "OLD", Name = "Closed", Type = AgencyType.School, Active = false },
                new() { Code = "PUBLIC", Name = "Member of the public", Type = AgencyType.OtherIndividual },
                new() { Code = "ANONYMOUS", Name = "Anonymous", Type = AgencyType.Anonymous }],
        };
        public AgencyOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<AgencyOptions, string?> listener) => null;
    }

    private static ReferralFormValidator For(string role, string? agency = null, bool draft = false)
    {
        var claims = new List<Claim> { new(Claims.Subject, "u1"), new(Claims.Role, role) };
        if (agency is not null) claims.Add(new Claim(Claims.Agency, agency));
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test", Claims.Name, Claims.Role)) };
        return new ReferralFormValidator.PerSubmitter(new AgencyDirectory(new Agencies()),
                new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)))
            .For(new CurrentUser(new HttpContextAccessor { HttpContext = context }), draft);
    }

    private static IReadOnlyList<string> Fields(ReferralFormValidator validator, ReferralForm form) =>
        validator.Validate(form).Errors.Select(e => ProblemExceptionHandler.FieldPath(e.PropertyName)).Distinct().Order(StringComparer.Ordinal).ToList();

    private static ReferralForm Valid() => new()
    {
        Referrer = new() { Phone = "01332 000 000", SafeguardingLeadConsulted = Answer.Yes },
        Children = [new() { FirstName = "Amy", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14), Gender = Gender.Female, SafeNow = Answer.Yes }],
        Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.Yes },
        Concern = new() { Categories = ["neglect"], WhatHappened = "Arrived hungry four days running." },
        ReferrerView = new() { LevelOfNeed = 3, Risk = RiskLevel.Medium },
    };

    [Fact]
    public void A_draft_may_lack_anything_but_may_not_hold_a_wrong_value()
    {
        var draft = For(Roles.Referrer, "SCH-DERBY-MOOR", draft: true);
        Assert.Empty(Fields(draft, new ReferralForm()));
        Assert.Empty(Fields(draft, new ReferralForm { Children = [new()], Household = [new() { Relationships = [new()] }], Concern = new() }));
        Assert.Empty(Fields(For(Roles.Practitioner, draft: true), new ReferralForm()));
        var wrong = new ReferralForm
        {
            Channel = Channel.Phone,
            Children = [new() { NhsNumber = "1234567890", DateOfBirth = new DateOnly(2027, 1, 1), Postcode = "nowhere" }],
            Concern = new() { WhatHappened = "x", Categories = ["not-a-category"] },
        };
        Assert.Equal(["channel", "children[0].dateOfBirth", "children[0].nhsNumber", "children[0].postcode", "concern.categories[0]", "concern.whatHappened"],
            Fields(draft, wrong));
        // What a draft may lack, a submission may not.
        Assert.Equal(["children", "concern", "referrer.phone"], Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), new ReferralForm()));
    }

    [Fact]
    public void The_essentials_are_enough_for_a_referrer() => Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), Valid()));

    [Fact]
    public void A_practitioner_names_channel_agency_and_referrer()
    {
        Assert.Equal(["agencyCode", "channel", "referrer.name"], Fields(For(Roles.Practitioner), Valid()));
        var recorded = Valid() with { Channel = Channel.Email, AgencyCode = "SCH-DERBY-MOOR", Referrer = new() { Name = "Jo", Email = "jo@agency.example" } };
        Assert.Empty(Fields(For(Roles.Manager), recorded));
        Assert.Equal(["agencyCode"], Fields(For(Roles.Practitioner), recorded with { AgencyCode = "OLD" }));
    }

    [Theory]
    [InlineData(2026, 11, 25)] // tomorrow
    [InlineData(2008, 11, 24)] // 18 today
    public void Date_of_birth_must_be_a_childs_and_not_in_the_future(int y, int m, int d)
    {
        var form = Valid() with { Children = [Valid().Children![0] with { DateOfBirth = new DateOnly(y, m, d) }] };
        Assert.Equal(["children[0].dateOfBirth"], Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
    }

    [Fact]
    public void At_most_one_of_birth_date_estimated_age_or_due_date_and_none_when_not_known()
    {
        var validator = For(Roles.Referrer, "SCH-DERBY-MOOR");
        var child = Valid().Children![0];
        Assert.Empty(Fields(validator, Valid() with { Children = [child with { DateOfBirth = null }] }));
        Assert.Equal(["children[0].dateOfBirth"], Fields(validator, Valid() with { Children = [child with { EstimatedAgeYears = 5 }] }));
        Assert.Empty(Fields(validator, Valid() with { Children = [child with { DateOfBirth = null, EstimatedAgeYears = 5 }] }));
        Assert.Equal(["children[0].estimatedAgeYears"], Fields(validator, Valid() with { Children = [child with { DateOfBirth = null, EstimatedAgeYears = 19 }] }));
        Assert.Empty(Fields(validator, Valid() with { Children = [child with { DateOfBirth = null, ExpectedDueDate = new DateOnly(2027, 4, 1) }] }));
        Assert.Equal(["children[0].expectedDueDate"], Fields(validator, Valid() with { Children = [child with { DateOfBirth = null, ExpectedDueDate = new DateOnly(2028, 4, 1) }] }));
    }

    [Fact]
    public void A_real_concern_is_accepted_with_whatever_the_referrer_does_not_know()
    {
        // A youth worker passing on what a neighbour said: no surname, no age, consent and level not known.
        var form = new ReferralForm
        {
            Referrer = new() { Phone = "07700 900000" },
            Children = [new() { FirstName = "Josh", LastName = "not known" }],
            Consent = new() { ParentsAware = Answer.NotKnown, ParentsConsented = Answer.NotKnown },
            Concern = new() { WhatHappened = "A neighbour says the dad hits the children." },
            ReferrerView = new() { LevelOfNeed = LevelsOfNeed.NotKnown, Risk = RiskLevel.NotKnown },
        };
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form with { Consent = null, ReferrerView = null }));
    }

    [Fact]
    public void A_no_to_consent_or_awareness_without_a_reason_is_accepted()
    {
        var form = Valid() with { Consent = new() { ParentsAware = Answer.No, ParentsConsented = Answer.No }, ReferrerView = new() { LevelOfNeed = 4, Risk = RiskLevel.High } };
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_early_help_request_without_consent_is_accepted(int level)
    {
        var form = Valid() with { Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.No }, ReferrerView = new() { LevelOfNeed = level, Risk = RiskLevel.Low } };
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
    }

    [Theory]
    [InlineData("first")]
    [InlineData("description")]
    [InlineData("age")]
    [InlineData("school")]
    [InlineData("where-now")]
    public void A_child_identifiable_by_anything_at_all_is_enough(string by)
    {
        var child = by switch
        {
            "first" => new ChildDetails { FirstName = "Josh" },
            "description" => new ChildDetails { Description = "A girl of about eight with a red coat, at the park most evenings." },
            "age" => new ChildDetails { EstimatedAgeYears = 8 },
            "school" => new ChildDetails { SchoolOrSetting = "Sample Primary" },
            _ => new ChildDetails { CurrentLocation = "The flat above the chip shop on Sample Road" },
        };
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), Valid() with { Children = [child] }));
    }

    [Fact]
    public void Refused_only_when_it_cannot_be_acted_on_no_child_no_concern_or_no_way_back_to_the_referrer()
    {
        var validator = For(Roles.Referrer, "SCH-DERBY-MOOR");
        Assert.Equal(["children[0].firstName"], Fields(validator,
            Valid() with { Children = [new ChildDetails { FirstName = "not known", LastName = " ", Gender = Gender.Female, SafeNow = Answer.NotKnown }] }));
        Assert.Equal(["children"], Fields(validator, Valid() with { Children = [] }));
        Assert.Equal(["concern"], Fields(validator, Valid() with { Concern = null }));
        Assert.Equal(["concern.whatHappened"], Fields(validator, Valid() with { Concern = new() { WhatHappened = "not known" } }));
        Assert.Equal(["referrer.phone"], Fields(validator, Valid() with { Referrer = new() { Phone = "not known" } }));
        Assert.Equal(["referrer.phone"], Fields(validator, Valid() with { Referrer = null }));
        Assert.Empty(Fields(validator, Valid() with { Referrer = new() { Email = "dsl@school.example.org" } }));
    }

    [Fact]
    public void The_team_records_anonymous_and_public_sources_without_a_way_back()
    {
        var recorded = Valid() with { Channel = Channel.Phone, Referrer = new() { Name = "A caller" } };
        Assert.Empty(Fields(For(Roles.Practitioner), recorded with { AgencyCode = "PUBLIC" }));
        Assert.Empty(Fields(For(Roles.Practitioner), recorded with { AgencyCode = "ANONYMOUS", Referrer = null }));
        Assert.Equal(["referrer.name"], Fields(For(Roles.Practitioner), recorded with { AgencyCode = "PUBLIC", Referrer = null }));
        Assert.Equal(["referrer.phone"], Fields(For(Roles.Practitioner), recorded with { AgencyCode = "SCH-DERBY-MOOR" }));
    }

    [Fact]
    public void Concern_needs_a_known_category_and_a_useful_description()
    {
        var form = Valid() with { Concern = new() { Categories = ["neglect", "bad-vibes"], WhatHappened = "worried" } };
        Assert.Equal(["concern.categories[1]", "concern.whatHappened"], Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
        Assert.Empty(Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form with { Concern = new() { WhatHappened = "Dad hits them." } }));
    }

    [Fact]
    public void Ethnicity_and_disabilities_are_census_codes_not_free_text()
    {
        var validator = For(Roles.Referrer, "SCH-DERBY-MOOR");
        var child = Valid().Children![0];
        Assert.Empty(Fields(validator, Valid() with { Children = [child with { Ethnicity = "MWBC", Disabilities = ["AUT", "LD"] }] }));
        Assert.Empty(Fields(validator, Valid() with { Children = [child with { Ethnicity = "White and Black Caribbean", Disabilities = ["NONE"] }] }));
        Assert.Equal(["children[0].disabilities", "children[0].disabilities[1]", "children[0].ethnicity"],
            Fields(validator, Valid() with { Children = [child with { Ethnicity = "Mixed", Disabilities = ["NONE", "DYSLEXIA"] }] }));
    }

    [Fact]
    public void Every_text_field_has_a_length_limit()
    {
        var tooLong = new string('x', FieldLimits.Narrative + 1);
        var form = Valid() with
        {
            Referrer = new() { Role = tooLong, Phone = tooLong, SafeguardingLeadConsulted = Answer.Yes },
            Children = [Valid().Children![0] with { Alias = tooLong, Address = tooLong, CurrentLocation = tooLong }],
            Concern = Valid().Concern! with { ChildsVoice = tooLong, HopedOutcome = tooLong },
        };
        Assert.Equal(["children[0].address", "children[0].alias", "children[0].currentLocation", "concern.childsVoice", "concern.hopedOutcome", "referrer.phone", "referrer.role"],
            Fields(For(Roles.Referrer, "SCH-DERBY-MOOR"), form));
    }
}
