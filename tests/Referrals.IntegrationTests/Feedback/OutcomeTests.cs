using System.Text.Json;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

public sealed class OutcomeTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task The_referrer_sees_each_childs_outcome_and_feedback_and_nothing_of_the_triage(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Feedbacking.ToOutcome(app);
        var response = await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{referral.Id}/outcome");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Field by field: exactly these, and no others (otherSupport is left out when the decision gave none).
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["children", "outcomeReadyAt", "receivedAt", "reference", "referralId"], body.EnumerateObject().Select(p => p.Name).Order());
        foreach (var child in body.GetProperty("children").EnumerateArray())
            Assert.Equal(["childId", "decidedAt", "description", "feedback", "firstName", "lastName", "outcome"],
                child.EnumerateObject().Select(p => p.Name).Order());

        var outcome = JsonSerializer.Deserialize<ReadOutcome.Outcome>(text, Api.Common.Json.Options)!;
        Assert.Equal((referral.Id, referral.Reference), (outcome.ReferralId, outcome.Reference));
        Assert.Equal(["Amy", "Ben"], outcome.Children.Select(c => c.FirstName));
        Assert.All(outcome.Children, c =>
        {
            Assert.Equal(DecisionOutcome.SocialCareAssessment, c.Outcome);
            Assert.Equal("Children's social care assessment (section 17, child in need)", c.Description);
            Assert.Equal(Assessment.FeedbackToReferrer, c.Feedback);
        });
        Assert.Equal(referral.Triage!.Children[0].Decision!.DecidedAt, outcome.Children[0].DecidedAt);

        // None of what triage records internally appears anywhere in the answer.
        foreach (var secret in new[]
                 {
                     Assessment.Rationale!, Assessment.Team!, "N1", Feedbacking.RagReason, Feedbacking.CheckShared, Feedbacking.SignOffComment,
                     "Derbyshire Constabulary", "Sam Social Worker", "Alex Manager", "red", "good", "Who lives at home", "rag", "quality", "history",
                 })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Before_every_decision_is_final_there_is_no_outcome_and_another_agency_finds_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Submit(app);
        var school = app.As(Roles.Referrer, School);
        var notYet = await (await school.GetAsync($"/v1/referrals/{referral.Id}/outcome")).Problem(HttpStatusCode.Conflict);
        Assert.Equal("submitted", notYet.GetProperty("currentState").GetString());

        referral = await Take(practitioner, referral).Ok();
        referral = await Decide(practitioner, referral, 0, Assessment).Ok();
        referral = await Decide(practitioner, referral, 1, Assessment).Ok();
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        var awaiting = await (await school.GetAsync($"/v1/referrals/{referral.Id}/outcome")).Problem(HttpStatusCode.Conflict);
        Assert.Equal("awaiting-sign-off", awaiting.GetProperty("currentState").GetString());

        await (await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").GetAsync($"/v1/referrals/{referral.Id}/outcome")).Problem(HttpStatusCode.NotFound);
        await (await school.GetAsync($"/v1/referrals/{Guid.NewGuid()}/outcome")).Problem(HttpStatusCode.NotFound);
        foreach (var role in new[] { Roles.Analyst, Roles.Auditor })
            await (await app.As(role).GetAsync($"/v1/referrals/{referral.Id}/outcome")).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync($"/v1/referrals/{referral.Id}/outcome")).Problem(HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_referring_agencys_first_read_is_recorded_and_the_team_sees_it(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Feedbacking.ToOutcome(app);
        var practitioner = app.As(Roles.Practitioner);
        var status = $"/v1/referrals/{referral.Id}/feedback-status";

        // The team's own look at the outcome is not the agency reading it.
        await (await practitioner.GetAsync($"/v1/referrals/{referral.Id}/outcome")).Read<ReadOutcome.Outcome>();
        var unread = await (await practitioner.GetAsync(status)).Read<FeedbackStatus.Status>();
        Assert.Null(unread.OutcomeRead);
        Assert.Equal(referral.Triage!.History.Last().At, unread.OutcomeReadyAt);
        Assert.All(unread.Children, c => Assert.Null(c.ReadAt));

        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var readAt = app.Clock.GetUtcNow();
        await (await app.As(Roles.Referrer, School, name: "Jo Bloggs").GetAsync($"/v1/referrals/{referral.Id}/outcome")).Read<ReadOutcome.Outcome>();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await app.As(Roles.Referrer, School, name: "Someone Else").GetAsync($"/v1/referrals/{referral.Id}/outcome")).Read<ReadOutcome.Outcome>();

        var read = await (await practitioner.GetAsync(status)).Read<FeedbackStatus.Status>();
        Assert.Equal(new FeedbackStatus.OutcomeRead(readAt, "Jo Bloggs"), read.OutcomeRead);
        Assert.All(read.Children, c => Assert.Equal((readAt, unread.OutcomeReadyAt), (c.ReadAt, c.OutcomeReadyAt)));
        Assert.All(read.Children, c => Assert.Equal(DecisionOutcome.SocialCareAssessment, c.Outcome));
        Assert.Equal([FeedbackEventType.Acknowledged, FeedbackEventType.InformationRequested, FeedbackEventType.OutcomeReady], read.Events.Select(e => e.Type));

        await using var db = app.Db();
        Assert.Equal(3, db.AuditEntries.Count(a => a.ReferralId == referral.Id && a.Action == "feedback.outcome-read"));
        await (await app.As(Roles.Referrer, School).GetAsync(status)).Problem(HttpStatusCode.Forbidden);
        await (await practitioner.GetAsync($"/v1/referrals/{Guid.NewGuid()}/feedback-status")).Problem(HttpStatusCode.NotFound);
    }
}
