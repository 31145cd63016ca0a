using Referrals.Api.Tools;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.Metrics;

namespace Referrals.IntegrationTests.Metrics;

public sealed class SyntheticHistoryTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task The_generator_writes_realistic_history_the_service_reads_as_its_own(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        var history = ActivatorUtilities.CreateInstance<SyntheticHistory>(app.Services);
        var summary = await history.GenerateAsync(3_000, years: 2, seed: 7);
        Assert.Equal(3_000, summary.Referrals);

        await using var db = app.Db();
        Assert.Equal(3_000, await db.Referrals.CountAsync());
        var facts = await db.ContactFacts.AsNoTracking().ToListAsync();
        Assert.Equal(summary.Contacts, facts.Count);
        var referrals = facts.GroupBy(f => f.ReferralId).Select(g => g.First()).ToList();
        double Share(Func<ContactFact, bool> which, IReadOnlyCollection<ContactFact> of) => 100.0 * of.Count(which) / of.Count;
        Assert.InRange(Share(f => f.AgencyType == AgencyType.Police, referrals), 24, 33);   // national: about 28%
        Assert.InRange(Share(f => f.AgencyType == AgencyType.School, referrals), 17, 26);   // national: about 21%
        // National: about 22% of referrals (contacts accepted) are re-referrals.
        Assert.InRange(Share(f => f.ReReferral, facts.Where(f => f.ReferredAt is not null && f.ReceivedAt > facts.Min(x => x.ReceivedAt).AddYears(1)).ToList()), 17, 28);
        Assert.InRange(Share(f => f.DecidedAt <= f.DecisionDueAt, facts.Where(f => f.DecidedAt is not null).ToList()), 78, 92);

        // What the generator summarised is what the service would have: rebuild the summary from the raw rows and compare.
        await db.ContactFacts.ExecuteDeleteAsync();
        await ContactFactsBackfill.RunAsync(app.Services);
        var rebuilt = await db.ContactFacts.AsNoTracking().OrderBy(f => f.ContactId).ToListAsync();
        var differences = facts.Join(rebuilt, f => f.ContactId, r => r.ContactId, (f, r) => (f, r))
            .SelectMany(p => typeof(ContactFact).GetProperties().Where(x => !Equals(x.GetValue(p.f), x.GetValue(p.r)))
                .Select(x => $"{x.Name}: {x.GetValue(p.f)} kept, {x.GetValue(p.r)} rebuilt")).ToList();
        Assert.Equal(facts.Count, rebuilt.Count);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));

        // The service reads it: a report for a past fortnight, and the next reference number follows on.
        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-10-26")).Read<FortnightlyReport.Report>();
        Assert.True(report.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.None && r.Figure == "contacts").ThisFortnight.Value > 20);
        var next = await (await app.As(Roles.Referrer, Triage.Triaging.School).PostJson("/v1/referrals", Forms.Siblings()))
            .Read<Api.Features.Referrals.SubmitReferral.Acknowledgement>(System.Net.HttpStatusCode.Created);
        Assert.False(await db.Referrals.AnyAsync(r => r.Reference == next.Reference && r.Id != next.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_run_stopped_part_way_leaves_counters_that_match_what_it_wrote(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        var history = ActivatorUtilities.CreateInstance<SyntheticHistory>(app.Services);
        using var stop = new CancellationTokenSource();
        // Stopped as soon as the first batch of 2,000 is written (as a kill would, between transactions).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            history.GenerateAsync(4_500, years: 1, seed: 11, progress: _ => stop.Cancel(), cancellationToken: stop.Token));

        await using var db = app.Db();
        var written = await db.Referrals.AsNoTracking().Select(r => r.Reference).ToListAsync();
        Assert.NotEmpty(written);
        var highest = written.GroupBy(r => int.Parse(r[4..8])).ToDictionary(g => g.Key, g => g.Max(r => int.Parse(r[9..])));
        Assert.Equal(highest.OrderBy(h => h.Key), (await db.ReferenceCounters.AsNoTracking().ToListAsync()).ToDictionary(c => c.Year, c => c.LastNumber).OrderBy(h => h.Key));
        var sequences = await db.FeedbackEvents.AsNoTracking().GroupBy(e => e.AgencyCode).Select(g => new { g.Key, Last = g.Max(e => e.Sequence) }).ToListAsync();
        Assert.Equal(sequences.ToDictionary(s => s.Key, s => s.Last).OrderBy(s => s.Key),
            (await db.FeedbackCounters.AsNoTracking().ToListAsync()).ToDictionary(c => c.AgencyCode, c => c.LastSequence).OrderBy(s => s.Key));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Counters_left_behind_their_rows_move_past_them_instead_of_refusing_every_submission(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var first = await Triage.Triaging.Submit(app);
        var second = await Triage.Triaging.Submit(app);
        await using (var db = app.Db())
        {
            // As a run killed before it moved the counters would leave them.
            await db.ReferenceCounters.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, 0));
            await db.FeedbackCounters.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, 0));
        }
        var school = app.As(Roles.Referrer, Triage.Triaging.School);
        var third = await (await school.PostJson("/v1/referrals", Forms.Siblings(), "after-a-stopped-run"))
            .Read<Api.Features.Referrals.SubmitReferral.Acknowledgement>(System.Net.HttpStatusCode.Created);
        var fourth = await (await school.PostJson("/v1/referrals", Forms.Siblings()))
            .Read<Api.Features.Referrals.SubmitReferral.Acknowledgement>(System.Net.HttpStatusCode.Created);
        Assert.Equal([first.Reference, second.Reference, third.Reference, fourth.Reference],
            new[] { 1, 2, 3, 4 }.Select(n => $"REF-{first.ReceivedAt.Year}-{n:D6}"));
        var feed = await (await school.GetAsync("/v1/feedback/events")).Read<Api.Features.Feedback.ReadFeed.FeedPage>();
        Assert.Equal([1L, 2, 3, 4], feed.Events.Select(e => e.Sequence));
    }
}
