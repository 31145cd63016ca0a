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

    [NeedsLocalSmtp, OnSqlite, OnPostgres]
    public async Task A_duplicates_referrer_is_emailed_that_it_was_joined_and_then_that_its_outcome_is_ready(Engine engine)
    {
        using var smtp = await LocalSmtpServer.StartAsync();
        using var app = AppSendingTo(engine, smtp);
        var original = await Submit(app, Forms.Single("Dora", 101));
        var police = Forms.Single("Dora", 101) with { Referrer = Forms.Single("Dora", 101).Referrer! with { Email = "mash@police.example.org" } };
        var ack = await (await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").PostJson("/v1/referrals", police))
            .Read<Api.Features.Referrals.SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var duplicate = await Read(app.As(Roles.Practitioner), ack.Id);
        await Send(app.As(Roles.Practitioner), HttpMethod.Post, $"/v1/referrals/{duplicate.Id}/link",
            new Api.Features.Triage.LinkDuplicate.Body(original.Id, "Same incident."), duplicate.Version).Ok();
        var practitioner = app.As(Roles.Practitioner);
        original = await Take(practitioner, original).Ok();
        original = await Decide(practitioner, original, 0, Assessment).Ok();
        await SignOff(app.As(Roles.Manager), original, 0, new Api.Features.Triage.SignOffDecision.Body(SignOffResult.Agreed, "Agreed.", null)).Ok();
        await Feedbacking.Drain(app);

        var toPolice = smtp.Messages.Where(m => m.Contains("To: mash@police.example.org")).ToList();
        Assert.Equal(3, toPolice.Count);
        Assert.True(toPolice.Any(m => m.Contains("joined with another")), string.Join("\n----\n", toPolice));
        Assert.Contains(toPolice, m => m.Contains($"Subject: Referral {duplicate.Reference}: outcome ready"));
        Assert.All(toPolice, m => Assert.DoesNotContain(original.Reference, m));
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
