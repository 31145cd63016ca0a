using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class ReferralTests
{
    private static readonly Actor Referrer = new("u1", "Jo", "referrer");

    private static Referral Submitted()
    {
        var form = new ReferralForm
        {
            Children = [new ChildDetails { FirstName = " Amy ", LastName = "Example", DateOfBirth = new DateOnly(2015, 3, 14), NhsNumber = "943 476 5919", SafeNow = Answer.No }],
            Concern = new ConcernDetails { Categories = ["neglect", "neglect", "self-harm"], WhatHappened = "Something specific happened." },
            ReferrerView = new ReferrerView { LevelOfNeed = 4, Risk = RiskLevel.High },
        };
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var quality = QualityRubric.Assess(form, DateOnly.FromDateTime(now.UtcDateTime));
        return Referral.Submit(Guid.NewGuid(), new Submission(form, "{}", quality, "{}", "SCH-DERBY-MOOR", Channel.ElectronicForm,
            new Actor("u1", "Jo", "referrer"), "Jo"), now, now.AddDays(1), reference: "REF-2026-000001");
    }

    [Fact]
    public void Submission_makes_one_contact_per_child_and_notes_a_child_not_safe_now()
    {
        var referral = Submitted();
        var contact = Assert.Single(referral.Contacts);
        Assert.Equal(("Amy", "amy example", "9434765919"), (contact.FirstName, contact.NormalisedName, contact.NhsNumber));
        Assert.True(referral.AnyChildNotSafeNow);
        Assert.Equal(["neglect", "self-harm"], referral.Concerns.Select(c => c.CategoryCode));
        Assert.Equal((ReferralStatus.Submitted, 1), (referral.Status, referral.Version));
    }

    [Fact]
    public void A_submitted_referral_can_be_withdrawn_once()
    {
        var referral = Submitted();
        referral.Withdraw("Sent in error.", Referrer, DateTimeOffset.UnixEpoch);
        Assert.Equal((ReferralStatus.Withdrawn, 2, "Sent in error."), (referral.Status, referral.Version, referral.WithdrawalReason));

        var refused = Assert.Throws<ReferralStateException>(() => referral.Withdraw("Again.", Referrer, DateTimeOffset.UnixEpoch));
        Assert.Equal(ReferralStatus.Withdrawn, refused.Current);
        Assert.Equal(2, referral.Version);
    }

    [Fact]
    public void The_queue_order_is_not_safe_now_then_red_amber_green_unrated_with_babies_first_in_each()
    {
        var order = new List<int>();
        foreach (var notSafe in new[] { true, false })
            foreach (var rag in new RagRating?[] { RagRating.Red, RagRating.Amber, RagRating.Green, null })
                foreach (var baby in new[] { true, false })
                    order.Add(Referral.QueuePriorityOf(notSafe, rag, baby));
        Assert.Equal(order.Order(), order);
        Assert.Equal(order.Count, order.Distinct().Count());
    }

    [Theory]
    [InlineData(null, null, "2027-03-01", true)] // unborn
    [InlineData("2025-12-01", null, null, true)] // under one
    [InlineData("2025-11-30", null, null, false)] // one today
    [InlineData(null, 0, null, true)]
    [InlineData(null, 1, null, false)]
    [InlineData(null, null, null, false)]
    public void A_baby_is_unborn_or_under_one_on_the_day(string? born, int? age, string? due, bool baby) =>
        Assert.Equal(baby, Referral.IsBaby(born is null ? null : DateOnly.Parse(born), age, due is null ? null : DateOnly.Parse(due), new DateOnly(2026, 11, 30)));
}
