using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

/// <summary>
/// Every referrer hears an outcome for every referral it made, a duplicate too: it learns its referral was joined with
/// another about the same child (never whose), and gets the outcome when that one is decided, by every channel.
/// </summary>
public sealed class DuplicateFeedbackTests
{
    private const string Police = "POLICE-DERBYSHIRE";

    private static async Task<GetReferral.ReferralDetail> FromPolice(ReferralsApp app, ReferralForm form)
    {
        var ack = await (await app.As(Roles.Referrer, Police).PostJson("/v1/referrals", form)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        return await Read(app.As(Roles.Practitioner), ack.Id);
    }

    private static Task<GetReferral.ReferralDetail> Link(ReferralsApp app, GetReferral.ReferralDetail duplicate, GetReferral.ReferralDetail original) =>
        Send(app.As(Roles.Practitioner), HttpMethod.Post, $"/v1/referrals/{duplicate.Id}/link",
            new LinkDuplicate.Body(original.Id, "Same incident, reported by school and police."), duplicate.Version).Ok();

    [Theory, OnSqlite, OnPostgres]
    public async Task A_duplicates_referrer_hears_it_was_joined_then_the_outcome_by_feed_webhook_and_outcome_read(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Feedbacking.Subscribe(app, receiver.Url, Police);
        var original = await Submit(app, Forms.Single("Dora", 101));
        var duplicate = await FromPolice(app, Forms.Single("Dora", 101));
        await Link(app, duplicate, original);

        var police = app.As(Roles.Referrer, Police);
        await (await police.GetAsync($"/v1/referrals/{duplicate.Id}/outcome")).Problem(HttpStatusCode.Conflict); // not decided yet
        var practitioner = app.As(Roles.Practitioner, userId: "prac-sam");
        original = await Take(practitioner, original).Ok();
        original = await Decide(practitioner, original, 0, Assessment).Ok();
        await SignOff(app.As(Roles.Manager, userId: "mgr-alex"), original, 0, new SignOffDecision.Body(SignOffResult.Agreed, "Agreed.", null)).Ok();
        await Feedbacking.Drain(app);

        var feed = await (await police.GetAsync("/v1/feedback/events")).Read<ReadFeed.FeedPage>();
        Assert.Equal([FeedbackEventType.Acknowledged, FeedbackEventType.JoinedWithAnother, FeedbackEventType.OutcomeReady], feed.Events.Select(e => e.Type));
        Assert.All(feed.Events, e => Assert.Equal((duplicate.Id, duplicate.Reference), (e.ReferralId, e.Reference)));
        Assert.Equal(["acknowledged", "joined-with-another", "outcome-ready"], receiver.Accepted.Select(c => c.Type));
        Assert.All(receiver.Accepted, c => Assert.True(WebhookReceiver.Verify(subscription.Secret, c.Signature, c.Body, app.Clock.GetUtcNow())));

        var response = await police.GetAsync($"/v1/referrals/{duplicate.Id}/outcome");
        var text = await response.Content.ReadAsStringAsync();
        var outcome = await response.Read<ReadOutcome.Outcome>();
        Assert.Equal((duplicate.Id, duplicate.Reference), (outcome.ReferralId, outcome.Reference));
        var child = Assert.Single(outcome.Children);
        Assert.Equal((duplicate.Contacts[0].Id, DecisionOutcome.SocialCareAssessment, ReadOutcome.JoinedFeedback), (child.ChildId, child.Outcome, child.Feedback));
        // Nothing says who else referred: not their reference, agency or the feedback written for them.
        foreach (var other in new[] { original.Reference, original.Id.ToString(), School, "Derby Moor", Assessment.FeedbackToReferrer! })
            Assert.DoesNotContain(other, text);
        var policeView = await (await police.GetAsync($"/v1/referrals/{duplicate.Id}")).Content.ReadAsStringAsync();
        foreach (var other in new[] { original.Reference, original.Id.ToString(), School })
            Assert.DoesNotContain(other, policeView);

        // The original's own referrer still hears its own outcome, with its own feedback.
        var school = await (await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{original.Id}/outcome")).Read<ReadOutcome.Outcome>();
        Assert.Equal(Assessment.FeedbackToReferrer, school.Children.Single().Feedback);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_referral_is_joined_only_with_one_naming_every_child_and_the_one_it_rests_on_cannot_be_withdrawn(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var original = await Submit(app, Forms.Single("Dora", 101));
        var siblings = await FromPolice(app, Forms.Single("Dora", 101) with
        {
            Children = [.. Forms.Single("Dora", 101).Children!, Forms.Child("Ezra", "Sample", new DateOnly(2016, 1, 2), Forms.NhsNumber(102))],
        });
        // Ezra is not on the original: joining would leave him without a decision.
        var problem = await (await Send(app.As(Roles.Practitioner), HttpMethod.Post, $"/v1/referrals/{siblings.Id}/link",
            new LinkDuplicate.Body(original.Id, "Same incident."), siblings.Version)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["duplicateOf"], problem.ErrorFields());

        var duplicate = await FromPolice(app, Forms.Single("Dora", 101));
        await Link(app, duplicate, original);
        var school = app.As(Roles.Referrer, School);
        var refused = await (await Send(school, HttpMethod.Post, $"/v1/referrals/{original.Id}/withdraw",
            new WithdrawReferral.Body("Sent in error."), original.Version)).Problem(HttpStatusCode.Conflict);
        Assert.Contains("joined with this one", refused.GetProperty("detail").GetString());
        Assert.Equal(ReferralStatus.Submitted, (await Read(app.As(Roles.Practitioner), original.Id)).Status);
    }
}
