using Referrals.Api.Domain;
using Referrals.Api.Features.Metrics;

namespace Referrals.UnitTests;

/// <summary>The Annex A template's values (liia-tools-pipeline annex_a_pipeline/spec/Annex_A_schema.yml) and referral counts.</summary>
public sealed class OfstedAnnexATests
{
    [Fact]
    public void Sex_ethnicity_and_source_are_written_as_the_template_writes_them()
    {
        Assert.Equal(["a) Male", "b) Female", "d) Neither", "c) Not stated/recorded", "c) Not stated/recorded"],
            new[] { Gender.Male, Gender.Female, Gender.Indeterminate, Gender.NotKnown }.Select(g => OfstedAnnexA.Sex(g, unborn: false))
                .Append(OfstedAnnexA.Sex(Gender.Female, unborn: true)));
        Assert.Equal(["a) WBRI", "m) AOTH", "q) CHNE", "s) REFU", "t) NOBT", "t) NOBT"],
            new[] { "WBRI", "AOTH", "CHNE", "REFU", "NOBT", null }.Select(OfstedAnnexA.Ethnicity));
        Assert.Equal(["a) 1A: Individual", "e) 2A: Schools", "g) 3A: Health services", "m) 4: Housing", "o) 5B: LA services",
                "q) 6: Police", "r) 7: Other legal agency", "s) 8: Other", "t) 9: Anonymous", "u) 10: Unknown", "u) 10: Unknown"],
            new[] { "1A", "2A", "3A", "4", "5B", "6", "7", "8", "9", "10", "X" }.Select(OfstedAnnexA.Source));
        Assert.Equal("01/02/2027", OfstedAnnexA.Date(new DateOnly(2027, 2, 1)));
        Assert.Equal((10, 11, 7, (int?)null), (OfstedAnnexA.Age(new DateOnly(2015, 3, 14), null, new DateOnly(2026, 3, 13)),
            OfstedAnnexA.Age(new DateOnly(2015, 3, 14), null, new DateOnly(2026, 3, 14)), OfstedAnnexA.Age(null, 7, new DateOnly(2026, 3, 14)),
            OfstedAnnexA.Age(null, null, new DateOnly(2026, 3, 14))));
    }

    [Fact]
    public void Re_referrals_count_only_referrals_within_twelve_months_before()
    {
        var start = new DateTimeOffset(2025, 11, 24, 10, 0, 0, TimeSpan.Zero);
        ContactFact Fact(DateTimeOffset? referredAt) => new() { ContactId = Guid.NewGuid(), ChildKey = "amy", ReferredAt = referredAt };
        var first = Fact(start);
        var contactOnly = Fact(null); // early help, say: a contact, not a referral
        var yearAndAMinute = Fact(start.AddYears(1).AddMinutes(1));
        var yearToTheMinute = Fact(start.AddYears(1));
        var changed = new List<ContactFact>();
        ContactFact.CountReferrals([first, contactOnly, yearAndAMinute, yearToTheMinute], changed: changed.Add);
        Assert.Equal([(false, 1), (false, 0), (true, 2), (true, 2)],
            new[] { first, contactOnly, yearAndAMinute, yearToTheMinute }.Select(f => (f.ReReferral, f.ReferralsInTwelveMonths)));
        Assert.Equal(3, changed.Count); // the contact that is no referral already counted none
    }
}
