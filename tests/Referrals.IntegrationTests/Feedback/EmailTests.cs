using Referrals.Api.Features.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

public sealed class EmailTests
{
    private static ReferralsApp AppSendingTo(Engine engine, LocalSmtpServer smtp) => new(engine, new Dictionary<string, string?>
    {
        ["Feedback:Email:Enabled"] = "true",
        ["Feedback:Email:Host"] = "127.0.0.1",
        ["Feedback:Email:Port"] = smtp.Port.ToString(),
        ["Feedback:Email:EnableSsl"] = "false",
        ["Feedback:Email:From"] = "front-door@council.example",
        ["Feedback:Email:SignInUrl"] = "https://referrals.council.example/sign-in",
    });

    [NeedsLocalSmtp, OnSqlite, OnPostgres]
    public async Task The_referrer_is_emailed_the_reference_and_a_sign_in_prompt_and_nothing_about_the_child(Engine engine)
    {
        using var smtp = await LocalSmtpServer.StartAsync();
        using var app = AppSendingTo(engine, smtp);
        var form = Forms.Siblings("Zainab", "Quennell");
        var referral = await Feedbacking.ToOutcome(app, form);
        await Feedbacking.Drain(app);

        var messages = smtp.Messages;
        Assert.Equal(3, messages.Count); // received, more information requested, outcome ready
        var outcome = Assert.Single(messages, m => m.Contains("outcome ready"));
        Assert.Contains("To: dsl@school.example.org", outcome);
        Assert.Contains("From: front-door@council.example", outcome);
        Assert.Contains($"Subject: Referral {referral.Reference}: outcome ready", outcome);
        Assert.Contains("https://referrals.council.example/sign-in", outcome);
        var child = form.Children![0];
        foreach (var personal in new[] { child.FirstName!, "Ben", child.LastName!, child.NhsNumber!, child.Postcode!, child.Address!, "hungry", "Carol", "bruise", Assessment.FeedbackToReferrer!, Assessment.Rationale! })
            Assert.All(messages, m => Assert.False(m.Contains(personal, StringComparison.OrdinalIgnoreCase), $"'{personal}' is in an e-mail"));

        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        Assert.All(status.Events, e =>
        {
            var notice = Assert.Single(e.Notices);
            Assert.Equal((FeedbackChannel.Email, "dsl@school.example.org", DeliveryStatus.Delivered), (notice.Channel, notice.Recipient, notice.Status));
        });
    }

    [NeedsLocalSmtp, OnSqlite]
    public async Task A_mail_server_that_is_down_is_retried_and_a_referral_without_an_address_gets_no_email(Engine engine)
    {
        var smtp = await LocalSmtpServer.StartAsync();
        using var app = AppSendingTo(engine, smtp);
        smtp.Dispose(); // the mail server is down
        var referral = await Submit(app);
        await Feedbacking.Drain(app);
        var status = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        var notice = status.Events.Single().Notices.Single();
        Assert.Equal((DeliveryStatus.Pending, 1, "The mail server could not be reached."), (notice.Status, notice.Attempts, notice.LastError));

        // A phone referral recorded without the referrer's e-mail address: nothing to send it to.
        var byPhone = await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", Forms.ByPhone()))
            .Read<Api.Features.Referrals.SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var phoneStatus = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{byPhone.Id}/feedback-status")).Read<FeedbackStatus.Status>();
        Assert.Empty(phoneStatus.Events.Single().Notices);
    }
}
