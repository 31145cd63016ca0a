using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Triage;

public sealed class TriageWorkflowTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task The_story_from_queue_to_closed_runs_through_the_api(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner, name: "Sam Social Worker", userId: "prac-sam");
        var manager = app.As(Roles.Manager, name: "Alex Manager", userId: "mgr-alex");
        var referrer = app.As(Roles.Referrer, School);
        var referral = await Submit(app);

        referral = await Take(practitioner, referral).Ok();
        Assert.Equal((ReferralStatus.InTriage, "prac-sam"), (referral.Status, referral.Triage!.AssignedTo!.UserId));

        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests",
            new RequestInformation.Body("Who lives at home with the children?"), referral.Version).Ok();
        Assert.Equal(ReferralStatus.AwaitingInformation, referral.Status);

        // The school sees the question on its own view of the referral, and answers it.
        var schoolView = await Read(referrer, referral.Id);
        var question = Assert.Single(schoolView.InformationRequests);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var answered = await Send(referrer, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests/{question.Id}/answer",
            new AnswerInformationRequest.Body("Mother, her partner and the two children."), schoolView.Version).Ok();
        Assert.Null(answered.Triage);

        referral = await Read(practitioner, referral.Id);
        Assert.Equal((ReferralStatus.InTriage, "Mother, her partner and the two children."), (referral.Status, referral.InformationRequests[0].Answer));

        referral = await Rate(practitioner, referral, RagRating.Amber).Ok();
        Assert.Equal((ReferralStatus.MultiAgencyChecks, RagRating.Amber), (referral.Status, referral.Triage!.Rag!.Rating));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(6), referral.Triage.Rag.DueAt);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        referral = await Rate(practitioner, referral, RagRating.Red).Ok();
        Assert.Equal([RagRating.Amber, RagRating.Red], referral.Triage!.RagHistory.Select(r => r.Rating));

        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/checks",
            new RecordCheck.Body("Derbyshire Constabulary", "One domestic incident at the address in September.", app.Clock.GetUtcNow()), referral.Version).Ok();
        Assert.Equal("Derbyshire Constabulary", Assert.Single(referral.Triage!.Checks).Agency);

        referral = await Decide(practitioner, referral, 0, Assessment).Ok();
        Assert.Equal(ReferralStatus.MultiAgencyChecks, referral.Status);
        referral = await Decide(practitioner, referral, 1, EarlyHelp).Ok();
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.All(referral.Triage!.Children, c => Assert.Equal(DecisionState.AwaitingSignOff, c.Decision!.State));

        referral = await SignOff(manager, referral, 0, new SignOffDecision.Body(SignOffResult.Agreed, "Agreed.", null)).Ok();
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        referral = await SignOff(manager, referral, 1, new SignOffDecision.Body(SignOffResult.Overridden, "Ben's bruise needs assessing too.", Assessment)).Ok();
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);

        var ben = referral.Triage!.Children[1];
        Assert.Equal((DecisionOutcome.SocialCareAssessment, DecisionState.Final, "Alex Manager"), (ben.Decision!.Outcome, ben.Decision.State, ben.Decision.DecidedBy));
        var overridden = Assert.Single(ben.Overridden);
        Assert.Equal((DecisionOutcome.EarlyHelp, DecisionState.Overridden, "Ben's bruise needs assessing too."), (overridden.Outcome, overridden.State, overridden.SignOff!.Comment));
        Assert.Equal(overridden.Id, ben.Decision.Overrides);

        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/close", new CloseReferral.Body("Outcome shared."), referral.Version).Ok();
        Assert.Equal(
            [ReferralStatus.Submitted, ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks,
             ReferralStatus.Decided, ReferralStatus.AwaitingSignOff, ReferralStatus.OutcomeReady, ReferralStatus.Closed],
            referral.Triage!.History.Where(h => h.From != h.To).Select(h => h.To));
        Assert.All(referral.Triage.History, h => Assert.False(string.IsNullOrEmpty(h.By)));

        await using var db = app.Db();
        var actions = db.AuditEntries.Where(a => a.ReferralId == referral.Id).Select(a => a.Action).ToList();
        Assert.Contains("triage.decision-signed-off", actions);
        Assert.Contains("triage.information-answered", actions);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_referrer_never_sees_rationale_checks_rag_or_history(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Submit(app);
        referral = await Take(practitioner, referral).Ok();
        referral = await Rate(practitioner, referral, RagRating.Red).Ok();
        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/checks",
            new RecordCheck.Body("Sample Health Trust", "Health visitor concerned about weight.", app.Clock.GetUtcNow()), referral.Version).Ok();
        referral = await Decide(practitioner, referral, 0, Assessment).Ok();

        var raw = await (await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{referral.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"triage\"", raw);
        foreach (var secret in new[] { Assessment.Rationale!, "Health visitor concerned", "Rated Red", "red", "earlierReferrals", "history" })
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Changes_need_if_match_and_a_stale_one_changes_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Submit(app);

        await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/assignment", new AssignReferral.Body(null, null), version: null))
            .Problem(HttpStatusCode.PreconditionRequired);
        await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/assignment", new AssignReferral.Body(null, null), referral.Version + 1))
            .Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(ReferralStatus.Submitted, (await Read(practitioner, referral.Id)).Status);

        var taken = await Take(practitioner, referral).Ok();
        // Acting on the version read before the change: refused, not applied over it.
        await (await Rate(practitioner, referral, RagRating.Green)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Null((await Read(practitioner, referral.Id)).Triage!.Rag);
        await Rate(practitioner, taken, RagRating.Green).Ok();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Twenty_concurrent_decisions_for_one_child_with_the_same_etag_make_exactly_one(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Submit(app);
        referral = await Take(app.As(Roles.Practitioner), referral).Ok();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Decide(app.As(Roles.Practitioner, userId: $"prac-{i}"), referral, 0, EarlyHelp with { Team = $"Team {i}" })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await loser.Problem(HttpStatusCode.PreconditionFailed);

        await using var db = app.Db();
        Assert.Single(db.ChildDecisions.Where(d => d.ContactId == referral.Contacts[0].Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_step_the_state_does_not_allow_is_a_conflict_naming_the_state(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Submit(app);

        var problem = await (await Decide(practitioner, referral, 0)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("submitted", problem.GetProperty("currentState").GetString());
        problem = await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/close", new CloseReferral.Body(null), referral.Version)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("submitted", problem.GetProperty("currentState").GetString());

        referral = await Take(practitioner, referral).Ok();
        referral = await Decide(practitioner, referral, 0).Ok();
        // Decided children are not decided again; questions are still possible for the other child until the referral is decided.
        await (await Decide(practitioner, referral, 0)).Problem(HttpStatusCode.Conflict);
        referral = await Decide(practitioner, referral, 1).Ok();
        problem = await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests",
            new RequestInformation.Body("Anything else?"), referral.Version)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("awaiting-sign-off", problem.GetProperty("currentState").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Who_may_do_what(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var referral = await Submit(app);

        // A practitioner cannot give work to someone else, nor take work someone else has.
        await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/assignment", new AssignReferral.Body("prac-2", "Kim"), referral.Version)).Problem(HttpStatusCode.Forbidden);
        referral = await Send(app.As(Roles.Manager, userId: "mgr-1"), HttpMethod.Post, $"/v1/referrals/{referral.Id}/assignment", new AssignReferral.Body("prac-2", "Kim"), referral.Version).Ok();
        Assert.Equal("Kim", referral.Triage!.AssignedTo!.Name);
        await (await Take(practitioner, referral)).Problem(HttpStatusCode.Conflict);

        foreach (var role in new[] { Roles.Referrer, Roles.Analyst, Roles.Auditor })
            await (await Rate(app.As(role, role == Roles.Referrer ? School : null), referral, RagRating.Red)).Problem(HttpStatusCode.Forbidden);

        referral = await Decide(practitioner, referral, 0).Ok();
        referral = await Decide(practitioner, referral, 1).Ok();
        await (await SignOff(practitioner, referral, 0, new SignOffDecision.Body(SignOffResult.Agreed, null, null))).Problem(HttpStatusCode.Forbidden);

        // A manager who decided does not sign off their own decision.
        var other = await Submit(app);
        var manager = app.As(Roles.Manager, userId: "mgr-2");
        other = await Take(manager, other).Ok();
        other = await Decide(manager, other, 0).Ok();
        Assert.Equal(DecisionState.Final, other.Triage!.Children[0].Decision!.State);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Another_agency_cannot_answer_questions_on_a_referral_it_did_not_make(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Submit(app);
        referral = await Take(practitioner, referral).Ok();
        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests", new RequestInformation.Body("Who lives there?"), referral.Version).Ok();
        var url = $"/v1/referrals/{referral.Id}/information-requests/{referral.InformationRequests[0].Id}/answer";

        await (await Send(app.As(Roles.Referrer, "POLICE-DERBYSHIRE"), HttpMethod.Post, url, new AnswerInformationRequest.Body("Not ours."), referral.Version)).Problem(HttpStatusCode.NotFound);
        await (await Send(practitioner, HttpMethod.Post, url, new AnswerInformationRequest.Body("Not mine."), referral.Version)).Problem(HttpStatusCode.Forbidden);
        await (await Send(app.As(Roles.Referrer, School), HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests/{Guid.NewGuid()}/answer",
            new AnswerInformationRequest.Body("Hello."), referral.Version)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(ReferralStatus.AwaitingInformation, (await Read(practitioner, referral.Id)).Status);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_decision_names_each_missing_field_and_stores_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Take(practitioner, await Submit(app)).Ok();

        var problem = await (await Decide(practitioner, referral, 0, new DecisionBody(DecisionOutcome.NoFurtherAction, 5, "short", "", null, QualityRating.Poor, [], "N12", null)))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["feedbackToReferrer", "otherSupport", "primaryNeed", "qualityReasons", "rationale", "thresholdLevel"], problem.ErrorFields().Order());

        problem = await (await Decide(practitioner, referral, 0, Assessment with { PrimaryNeed = null, Team = null })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["primaryNeed", "team"], problem.ErrorFields().Order());

        problem = await (await SignOff(app.As(Roles.Manager), referral, 0, new SignOffDecision.Body(SignOffResult.Overridden, null, EarlyHelp with { Rationale = null })))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["comment", "decision.rationale"], problem.ErrorFields().Order());

        var raw = await (await Triaging.Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/children/{referral.Contacts[0].Id}/decision",
            new { outcome = "section-17", thresholdLevel = 3 }, referral.Version)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["outcome"], raw.ErrorFields());

        await (await Decide(practitioner, referral with { Contacts = [referral.Contacts[0] with { Id = Guid.NewGuid() }] }, 0)).Problem(HttpStatusCode.NotFound);
        await using var db = app.Db();
        Assert.Empty(db.ChildDecisions.Where(d => d.ReferralId == referral.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_duplicate_is_linked_only_to_a_referral_for_the_same_child_and_closes_without_a_decision(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var original = await Submit(app, Forms.Single("Dora", 101));
        var duplicate = await Submit(app, Forms.Single("Dora", 101));
        var stranger = await Submit(app, Forms.Single("Erin", 102));

        var problem = await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{duplicate.Id}/link", new LinkDuplicate.Body(stranger.Id, "Same?"), duplicate.Version))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["duplicateOf"], problem.ErrorFields());
        problem = await (await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{duplicate.Id}/link", new LinkDuplicate.Body(duplicate.Id, "Itself"), duplicate.Version))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["duplicateOf"], problem.ErrorFields());

        var linked = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{duplicate.Id}/link", new LinkDuplicate.Body(original.Id, "Same incident, reported twice."), duplicate.Version).Ok();
        Assert.Equal((ReferralStatus.Linked, original.Id), (linked.Status, linked.Triage!.LinkedTo));
        Assert.All(linked.Triage.Children, c => Assert.Null(c.Decision));
        await (await Take(practitioner, linked)).Problem(HttpStatusCode.Conflict);
    }
}
