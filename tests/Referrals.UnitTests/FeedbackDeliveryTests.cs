using System.Text;
using Referrals.Api.Domain;
using Referrals.Api.Features.Feedback;

namespace Referrals.UnitTests;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Schedule = new(new DeliveryOptions
    {
        FirstRetryAfter = TimeSpan.FromSeconds(10), MaxRetryInterval = TimeSpan.FromMinutes(15), RetryFor = TimeSpan.FromHours(24),
    });

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(8, 900)] // 1280 s, capped at 15 minutes
    [InlineData(60, 900)]
    public void The_wait_doubles_with_each_failure_up_to_the_cap_and_jitter_takes_off_up_to_half(int failures, double fullSeconds)
    {
        Assert.Equal(fullSeconds / 2, Schedule.WaitAfter(failures, 0).TotalSeconds, 6);
        Assert.Equal(fullSeconds * 0.75, Schedule.WaitAfter(failures, 0.5).TotalSeconds, 6);
        Assert.True(Schedule.WaitAfter(failures, 0.999999).TotalSeconds <= fullSeconds);
    }

    [Fact]
    public void A_notice_is_given_up_once_its_event_is_older_than_the_retry_period()
    {
        var occurred = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        Assert.False(Schedule.GivesUp(occurred, occurred.AddHours(23).AddMinutes(59)));
        Assert.True(Schedule.GivesUp(occurred, occurred.AddHours(24)));
    }
}

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"type\":\"outcome-ready\"}");

    [Fact]
    public void The_signature_is_hmac_sha256_of_the_timestamp_a_dot_and_the_body()
    {
        // Worked independently: printf '1795514400.{"id":"x","type":"outcome-ready"}' | openssl dgst -sha256 -hmac whsec_test
        Assert.Equal("t=1795514400,v1=3506c95eb0d13a9f127aaf1a54967780be86aed5568e4071079b63f66bb7a712",
            WebhookSignature.Sign("whsec_test", At, Body));
    }

    [Fact]
    public void Verification_accepts_the_genuine_delivery_and_refuses_changes_replays_and_garbage()
    {
        var header = WebhookSignature.Sign("whsec_test", At, Body);
        Assert.True(WebhookSignature.Verify("whsec_test", header, Body, At.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify("whsec_test", header, Body, At.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify("whsec_other", header, Body, At));
        Assert.False(WebhookSignature.Verify("whsec_test", header, [.. Body, (byte)' '], At));
        foreach (var garbage in new[] { null, "", "t=abc,v1=00", "v1=" + new string('0', 64), "t=1795514400,v1=zz" + new string('0', 62) })
            Assert.False(WebhookSignature.Verify("whsec_test", garbage, Body, At));
    }

    [Fact]
    public void Secrets_are_new_each_time_and_long()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => WebhookSignature.NewSecret()).ToList();
        Assert.Equal(50, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.True(s.Length >= 6 + 43));
    }
}

public sealed class FeedbackEventTests
{
    [Fact]
    public void Only_the_changes_a_partner_must_hear_about_raise_an_event()
    {
        var raising = Enum.GetValues<ReferralStatus>().Where(s => FeedbackEvent.RaisedBy(s) is not null).ToList();
        Assert.Equal([ReferralStatus.Submitted, ReferralStatus.AwaitingInformation, ReferralStatus.OutcomeReady, ReferralStatus.Withdrawn,
            ReferralStatus.Linked], raising);
        // A duplicate's referrer hears it was joined with another (never which), then that referral's outcome.
        Assert.Equal(FeedbackEventType.JoinedWithAnother, FeedbackEvent.RaisedBy(ReferralStatus.Linked));
        Assert.Equal("joined with another referral about the same child", FeedbackEvent.Describe(FeedbackEventType.JoinedWithAnother));
    }
}
