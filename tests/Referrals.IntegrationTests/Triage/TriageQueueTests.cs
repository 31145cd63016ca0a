using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Triage;

/// <summary>The queue, known children and configured sign-off rules, each on a database of its own.</summary>
public sealed class TriageQueueTests
{
    private static async Task<TriageQueue.Page> Queue(HttpClient client, string query = "") =>
        await (await client.GetAsync($"/v1/triage/queue{query}")).Read<TriageQueue.Page>();

    [Theory, OnSqlite, OnPostgres]
    public async Task Babies_come_first_in_their_band_and_are_marked_and_counted_on_a_line_of_their_own(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var older = await Submit(app, Forms.Single("Olly", 11));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var unborn = await Submit(app, Forms.Single("Unborn", 12).WithChild(0, c => c with { DateOfBirth = null, ExpectedDueDate = new DateOnly(2027, 3, 1) }));
        var infant = await Submit(app, Forms.Single("Ivy", 13).WithChild(0, c => c with { DateOfBirth = new DateOnly(2026, 2, 1) }));
        var toddler = await Submit(app, Forms.Single("Tia", 14).WithChild(0, c => c with { DateOfBirth = new DateOnly(2025, 11, 1) }));
        var notSafe = await Submit(app, Forms.Single("Nina", 15, safeNow: Answer.No));
        var red = await Rate(practitioner, await Take(practitioner, older).Ok(), RagRating.Red).Ok();

        // Not safe now first; then red; then, among the unrated, the babies (unborn, under one) before the one-year-old.
        var queue = await Queue(practitioner);
        Assert.Equal(new[] { notSafe, red, unborn, infant, toddler }.Select(r => r.Reference), queue.Items.Select(i => i.Reference));
        Assert.Equal([false, false, true, true, false], queue.Items.Select(i => i.AboutABaby));
        Assert.True((await Read(practitioner, infant.Id)).AboutABaby);

        // A baby keeps its place in its band when rated: red, and before the older red.
        var redInfant = await Rate(practitioner, await Take(practitioner, infant).Ok(), RagRating.Red).Ok();
        Assert.Equal(new[] { notSafe, redInfant, red, unborn, toddler }.Select(r => r.Reference), (await Queue(practitioner)).Items.Select(i => i.Reference));

        await Decide(practitioner, redInfant, 0, Assessment).Ok();
        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
        double? Line(string figure) => report.Rows.Single(r => r is { Section: "babies" } && r.Figure == figure).ThisFortnight.Value;
        Assert.Equal((2.0, 1.0, 100.0), (Line("babyContacts"), Line("babyDecided"), Line("babyDecidedWithinOneWorkingDayPercent")));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Referrals_stored_before_babies_came_first_are_worked_out_at_the_next_start(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var older = await Submit(app, Forms.Single("Olly", 21));
        var infant = await Submit(app, Forms.Single("Ivy", 22).WithChild(0, c => c with { DateOfBirth = new DateOnly(2026, 8, 1) }));
        await using (var db = app.Db())
        {
            // As the upgrade leaves them: not yet known, both in the place an unrated referral had, doubled plus one.
            await db.Referrals.ExecuteUpdateAsync(u => u.SetProperty(r => r.AboutABaby, (bool?)null).SetProperty(r => r.QueuePriority, 27));
            await db.ContactFacts.ExecuteUpdateAsync(u => u.SetProperty(f => f.Baby, false));
            await FortnightTotals.RebuildAsync(db, app.Services.GetRequiredService<MetricsOptions>().FortnightAnchor, CancellationToken.None);
        }

        await ContactFactsBackfill.RunAsync(app.Services);

        var practitioner = app.As(Roles.Practitioner);
        Assert.Equal(new[] { infant.Reference, older.Reference }, (await Queue(practitioner)).Items.Select(i => i.Reference));
        await using (var db = app.Db())
            Assert.Equal([false, true], await db.Referrals.OrderBy(r => r.Reference).Select(r => r.AboutABaby == true).ToListAsync());
        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
        Assert.Equal(1.0, report.Rows.Single(r => r is { Section: "babies", Figure: "babyContacts" }).ThisFortnight.Value);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_queue_puts_a_child_not_safe_now_first_then_red_amber_green_then_by_due_time(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        var unratedEarly = await Submit(app, Forms.Single("Una", 1));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var green = await Submit(app, Forms.Single("Gina", 2));
        var amber = await Submit(app, Forms.Single("Amber", 3));
        var red = await Submit(app, Forms.Single("Rita", 4));
        var unratedLate = await Submit(app, Forms.Single("Ursula", 5));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var notSafe = await Submit(app, Forms.Single("Nina", 6, safeNow: Answer.No));
        foreach (var (referral, rating) in new[] { (green, RagRating.Green), (amber, RagRating.Amber), (red, RagRating.Red) })
            await Rate(practitioner, await Take(practitioner, referral).Ok(), rating).Ok();

        var expected = new[] { notSafe, red, amber, green, unratedEarly, unratedLate }.Select(r => r.Reference).ToList();
        var queue = await Queue(practitioner);
        Assert.Equal(expected, queue.Items.Select(i => i.Reference));
        Assert.All(queue.Items, i => Assert.False(i.DecisionOverdue));

        // Paging a page at a time gives the same order, nothing skipped or repeated.
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Queue(practitioner, $"?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}");
            paged.AddRange(page.Items.Select(i => i.Reference));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(expected, paged);

        Assert.Equal([red.Reference], (await Queue(practitioner, "?rag=red")).Items.Select(i => i.Reference));
        Assert.Equal(new[] { unratedEarly.Reference, unratedLate.Reference, notSafe.Reference }.Order(), (await Queue(practitioner, "?rag=unrated")).Items.Select(i => i.Reference).Order());
        Assert.Equal(3, (await Queue(practitioner, "?assignedToMe=true")).Items.Count);
        Assert.Empty((await Queue(app.As(Roles.Practitioner, userId: "prac-2"), "?assignedToMe=true")).Items);
        Assert.Equal(3, (await Queue(practitioner, "?state=submitted")).Items.Count);

        // Red's target is two hours; the decision is due a working day after receipt.
        app.Clock.Advance(TimeSpan.FromHours(3));
        practitioner = app.As(Roles.Practitioner, userId: "prac-1"); // a fresh token for the later hour
        var overdue = await Queue(practitioner, "?overdue=true");
        Assert.Equal([red.Reference], overdue.Items.Select(i => i.Reference));
        Assert.True(overdue.Items[0].RagOverdue);
        app.Clock.Advance(TimeSpan.FromDays(1));
        practitioner = app.As(Roles.Practitioner, userId: "prac-1");
        queue = await Queue(app.As(Roles.Manager));
        Assert.All(queue.Items, i => Assert.True(i.DecisionOverdue));
        Assert.Equal(6, (await Queue(practitioner, "?overdue=true")).Items.Count);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_queue_is_for_the_first_contact_team_and_refuses_bad_filters(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        foreach (var role in new[] { Roles.Referrer, Roles.Analyst, Roles.Auditor })
            await (await app.As(role, role == Roles.Referrer ? School : null).GetAsync("/v1/triage/queue")).Problem(System.Net.HttpStatusCode.Forbidden);
        var problem = await (await app.As(Roles.Practitioner).GetAsync("/v1/triage/queue?state=lost&rag=purple&cursor=abc&limit=0")).Problem(System.Net.HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cursor", "limit", "rag", "state"], problem.ErrorFields().Order());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Earlier_referrals_for_the_same_child_show_with_their_outcomes_and_flag_a_re_referral(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var manager = app.As(Roles.Manager);
        // Amy has an NHS number; Ben (not known) is matched on name and date of birth.
        var first = await Submit(app);
        first = await Take(manager, first).Ok();
        first = await Decide(manager, first, 0, EarlyHelp).Ok();
        first = await Decide(manager, first, 1, Assessment).Ok();
        var unrelated = await Submit(app, Forms.Single("Zoe", 77));

        app.Clock.Advance(TimeSpan.FromDays(90));
        var second = await Submit(app);
        var children = second.Triage!.Children;
        var amy = Assert.Single(children[0].Known.EarlierReferrals);
        Assert.Equal((first.Reference, DecisionOutcome.EarlyHelp, KnownChildren.ByNhsNumber), (amy.Reference, amy.Outcome, amy.MatchedOn));
        var ben = Assert.Single(children[1].Known.EarlierReferrals);
        Assert.Equal((DecisionOutcome.SocialCareAssessment, KnownChildren.ByNameAndDateOfBirth), (ben.Outcome, ben.MatchedOn));
        Assert.True(children[0].Known.ReReferral);
        Assert.DoesNotContain(children.SelectMany(c => c.Known.EarlierReferrals), e => e.ReferralId == unrelated.Id);

        app.Clock.Advance(TimeSpan.FromDays(300));
        var third = await Submit(app, Forms.Single("Zoe", 77));
        Assert.False(third.Triage!.Children[0].Known.ReReferral);
        Assert.Single(third.Triage.Children[0].Known.EarlierReferrals);

        // The referrer never sees another referral's history.
        var raw = await (await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{second.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(first.Reference, raw);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Sign_off_follows_the_councils_configured_rules(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?>
        {
            ["Triage:SignOff:Outcomes:0"] = "strategy-discussion",
            ["Triage:SignOff:ExemptRoles:0"] = "nobody",
            ["Triage:RagTargets:Red"] = "00:30:00",
        });
        var manager = app.As(Roles.Manager, userId: "mgr-1");
        var referral = await Take(app.As(Roles.Practitioner), await Submit(app)).Ok();
        referral = await Rate(app.As(Roles.Practitioner), referral, RagRating.Red).Ok();
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), referral.Triage!.Rag!.DueAt);

        referral = await Decide(app.As(Roles.Practitioner), referral, 0, EarlyHelp).Ok();
        Assert.Equal(DecisionState.Final, referral.Triage!.Children[0].Decision!.State);
        var strategy = Assessment with { Outcome = DecisionOutcome.StrategyDiscussion, ThresholdLevel = 4 };
        referral = await Decide(manager, referral, 1, strategy).Ok();
        Assert.Equal((ReferralStatus.AwaitingSignOff, DecisionState.AwaitingSignOff), (referral.Status, referral.Triage!.Children[1].Decision!.State));

        await (await SignOff(manager, referral, 1, new SignOffDecision.Body(SignOffResult.Agreed, null, null))).Problem(System.Net.HttpStatusCode.Forbidden);
        referral = await SignOff(app.As(Roles.Manager, userId: "mgr-2"), referral, 1, new SignOffDecision.Body(SignOffResult.Agreed, null, null)).Ok();
        Assert.Equal(ReferralStatus.OutcomeReady, referral.Status);
    }
}
