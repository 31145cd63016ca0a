using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Referrals;
using Referrals.IntegrationTests.Referrals;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

public sealed class FeedTests
{
    private const string Police = "POLICE-DERBYSHIRE";

    [Theory, OnSqlite, OnPostgres]
    public async Task An_agency_reads_its_own_events_in_order_and_resumes_from_any_cursor(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var school = app.As(Roles.Referrer, School);
        var first = await Submit(app);
        await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", Forms.ByPhone(Police))).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var second = await Submit(app);
        await (await WithdrawReferralTests.Withdraw(school, second.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();

        var page = await (await school.GetAsync("/v1/feedback/events")).Read<ReadFeed.FeedPage>();
        Assert.Equal([1L, 2, 3], page.Events.Select(e => e.Sequence));
        Assert.Equal([FeedbackEventType.Acknowledged, FeedbackEventType.Acknowledged, FeedbackEventType.Withdrawn], page.Events.Select(e => e.Type));
        Assert.Equal([first.Id, second.Id, second.Id], page.Events.Select(e => e.ReferralId));
        Assert.All(page.Events, e => Assert.Equal(School, e.AgencyCode));
        Assert.False(page.More);

        // Resume from the middle, a page at a time, and from the end (nothing new yet: the same cursor back).
        var firstOnly = await (await school.GetAsync("/v1/feedback/events?limit=1")).Read<ReadFeed.FeedPage>();
        Assert.True(firstOnly.More);
        var rest = await (await school.GetAsync($"/v1/feedback/events?after={firstOnly.NextCursor}")).Read<ReadFeed.FeedPage>();
        Assert.Equal([2L, 3], rest.Events.Select(e => e.Sequence));
        var end = await (await school.GetAsync($"/v1/feedback/events?after={rest.NextCursor}")).Read<ReadFeed.FeedPage>();
        Assert.Empty(end.Events);
        Assert.Equal(rest.NextCursor, end.NextCursor);

        // The police see only theirs, numbered from 1.
        var police = await (await app.As(Roles.Referrer, Police).GetAsync("/v1/feedback/events")).Read<ReadFeed.FeedPage>();
        Assert.Equal([1L], police.Events.Select(e => e.Sequence));

        var bad = await (await school.GetAsync("/v1/feedback/events?after=not-a-cursor&limit=0")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["after", "limit"], bad.ErrorFields().Order());
        foreach (var role in new[] { Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor })
            await (await app.As(role).GetAsync("/v1/feedback/events")).Problem(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Concurrent_changes_for_one_agency_number_their_events_without_gaps_or_repeats(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Submit(app)));
        await using var db = app.Db();
        var sequences = await db.FeedbackEvents.Where(e => e.AgencyCode == School).Select(e => e.Sequence).OrderBy(s => s).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), sequences);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_referral_change_saved_around_the_unit_of_work_is_refused_so_the_feed_and_figures_cannot_fall_behind(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Submit(app);
        await using (var db = app.Db())
        {
            var tracked = await db.Referrals.SingleAsync(r => r.Id == referral.Id);
            tracked.Withdraw("Sent in error.", new Actor("ref-1", "Jo", Roles.Referrer), app.Clock.GetUtcNow());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = app.Db())
        {
            Assert.Equal(ReferralStatus.Submitted, await db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).SingleAsync());
            Assert.Equal([FeedbackEventType.Acknowledged], await db.FeedbackEvents.Where(e => e.ReferralId == referral.Id).Select(e => e.Type).ToListAsync());
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_change_that_fails_to_commit_leaves_no_event(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Submit(app);
        var (saving, save) = app.Saving();
        await using (saving)
        {
            var tracked = await saving.Referrals.SingleAsync(r => r.Id == referral.Id);
            tracked.Withdraw("Sent in error.", new Actor("ref-1", "Jo", Roles.Referrer), app.Clock.GetUtcNow());
            // Something else in the same transaction fails: an audit entry whose id is already taken.
            var taken = await saving.AuditEntries.AsNoTracking().Select(a => a.Id).FirstAsync();
            saving.AuditEntries.Add(new AuditEntry { Id = taken, At = app.Clock.GetUtcNow(), UserId = "x", UserName = "x", Role = "x", Action = "x" });
            await Assert.ThrowsAsync<DbUpdateException>(() => save.SaveAsync(CancellationToken.None));
        }
        await using (var db = app.Db())
        {
            Assert.Equal([FeedbackEventType.Acknowledged], await db.FeedbackEvents.Where(e => e.ReferralId == referral.Id).Select(e => e.Type).ToListAsync());
            Assert.Equal(1, await db.FeedbackCounters.Where(c => c.AgencyCode == School).Select(c => c.LastSequence).SingleAsync());
            Assert.Equal(ReferralStatus.Submitted, await db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).SingleAsync());
        }

        // Refused over HTTP (stale If-Match): no event either; the next real change takes the next place.
        var school = app.As(Roles.Referrer, School);
        var stale = new WithdrawReferral.Body("Sent in error.");
        await (await school.SendJson(HttpMethod.Post, $"/v1/referrals/{referral.Id}/withdraw", stale, "\"99\"")).Problem(HttpStatusCode.PreconditionFailed);
        await (await WithdrawReferralTests.Withdraw(school, referral.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();
        await using (var db = app.Db())
            Assert.Equal([1L, 2], await db.FeedbackEvents.Where(e => e.ReferralId == referral.Id).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
    }
}
