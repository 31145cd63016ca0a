using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class KnownChildrenTests
{
    private static readonly DateOnly Birthday = new(2015, 3, 14);
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nhs_number_decides_when_both_have_one()
    {
        Assert.Equal(KnownChildren.ByNhsNumber, KnownChildren.MatchedOn(new("9434765919", "amy example", Birthday), new("9434765919", "amelia example", null)));
        // Same name and birthday but different NHS numbers: two children.
        Assert.Null(KnownChildren.MatchedOn(new("9434765919", "amy example", Birthday), new("9434765870", "amy example", Birthday)));
    }

    [Fact]
    public void Otherwise_normalised_name_and_date_of_birth_must_both_match()
    {
        Assert.Equal(KnownChildren.ByNameAndDateOfBirth, KnownChildren.MatchedOn(new(null, "amy example", Birthday), new("9434765919", "amy example", Birthday)));
        Assert.Null(KnownChildren.MatchedOn(new(null, "amy example", Birthday), new(null, "amy example", Birthday.AddDays(1))));
        Assert.Null(KnownChildren.MatchedOn(new(null, "amy example", null), new(null, "amy example", null)));
    }

    [Fact]
    public void A_re_referral_is_within_twelve_months_of_an_earlier_referral_that_counted()
    {
        Assert.True(KnownChildren.IsReReferral(Received, Received.AddMonths(-12), ReferralStatus.Closed));
        Assert.False(KnownChildren.IsReReferral(Received, Received.AddMonths(-12).AddMinutes(-1), ReferralStatus.Closed));
        Assert.False(KnownChildren.IsReReferral(Received, Received.AddDays(-3), ReferralStatus.Withdrawn));
        Assert.False(KnownChildren.IsReReferral(Received, Received.AddDays(-3), ReferralStatus.Linked));
        Assert.False(KnownChildren.IsReReferral(Received, Received.AddDays(1), ReferralStatus.Closed));
    }
}
