using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Common;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>Figures for any range read from the period totals, equal to figures worked out from every contact (Referrals 8).</summary>
public sealed class PeriodTotalsTests
{
    /// <summary>A referral received then, decided there and then (accepted, early help, or left undecided) by the practitioner.</summary>
    private static Task At(ReferralsApp app, DateTimeOffset when, ReferralForm form, DecisionBody? decision, string? agency = null) =>
        SubmitAt(app, when, form, decision, agency);

    /// <summary>What each period's figures are when worked out from every contact, as a manager reads them.</summary>
    private static ReadFigures.FiguresTable Expected(ReferralsApp app, List<ContactFact> facts, FigureFamily family, string from, string to,
        Interval interval, Breakdown breakdown)
    {
        var anchor = app.Services.GetRequiredService<MetricsOptions>().FortnightAnchor;
        var groups = app.Services.GetRequiredService<FigureGroups>();
        var spans = Periods.Split(DateOnly.Parse(from), DateOnly.Parse(to), interval, anchor);
        var periods = spans.Select(span =>
        {
            var these = facts.Where(f => LondonTime.DayOf(f.ReceivedAt) >= span.Start && LondonTime.DayOf(f.ReceivedAt) <= span.End).ToList();
            return ReadFigures.Tabulate(family, Tally.Of(these), groups.Split(these, breakdown), 5, suppress: false, span.Start, span.End);
        }).ToList();
        return new ReadFigures.FiguresTable(family, DateOnly.Parse(from), DateOnly.Parse(to), interval, breakdown, false, 5, "", null, periods);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_figure_for_any_range_equals_the_figure_worked_out_from_every_contact(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var amy = Forms.Single("Amy", 300);
        // Months apart and days apart, by form and by phone, accepted, early help and undecided; Amy again and again.
        await At(app, new DateTimeOffset(2026, 8, 28, 9, 0, 0, TimeSpan.Zero), amy, Assessment);
        await At(app, new DateTimeOffset(2026, 8, 31, 23, 30, 0, TimeSpan.Zero), Forms.Siblings("Bea", "Late"), EarlyHelp); // 1 September in London
        await At(app, new DateTimeOffset(2026, 9, 3, 10, 0, 0, TimeSpan.Zero), amy, Assessment, "POLICE-DERBYSHIRE");
        await At(app, new DateTimeOffset(2026, 9, 4, 10, 0, 0, TimeSpan.Zero), amy, null); // the same week
        await At(app, new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.Zero), Forms.Single("Cal", 301), null, "HOUSING-DERBY");
        await At(app, new DateTimeOffset(2026, 9, 16, 10, 0, 0, TimeSpan.Zero), amy, EarlyHelp); // the same month, another week and fortnight
        await At(app, new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), amy, EarlyHelp);
        await At(app, new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), Forms.Siblings("Dee", "Twin"), Assessment, "POLICE-DERBYSHIRE");
        await At(app, new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero), amy, null);
        await At(app, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), Forms.Single("Eve", 302), Assessment);

        List<ContactFact> facts;
        await using (var db = app.Db()) facts = await db.ContactFacts.AsNoTracking().ToListAsync();
        var manager = app.As(Roles.Manager);
        foreach (var (from, to) in new[] { ("2026-08-01", "2026-11-30"), ("2026-08-30", "2026-11-25"), ("2026-09-03", "2026-09-03") })
            foreach (var interval in Enum.GetValues<Interval>())
                foreach (var family in Enum.GetValues<FigureFamily>())
                    foreach (var breakdown in Enum.GetValues<Breakdown>())
                    {
                        var query = $"/v1/metrics/{EnumWords.Of(family)}?from={from}&to={to}&interval={EnumWords.Of(interval)}&breakdown={EnumWords.Of(breakdown)}";
                        var read = await (await manager.GetAsync(query)).Read<ReadFigures.FiguresTable>();
                        var expected = Expected(app, facts, family, from, to, interval, breakdown);
                        Assert.Equal(expected.Periods.Count, read.Periods.Count);
                        foreach (var (want, got) in expected.Periods.Zip(read.Periods))
                        {
                            Assert.Equal((want.Start, want.End), (got.Start, got.End));
                            Assert.True(want.Total.OrderBy(f => f.Key).SequenceEqual(got.Total.OrderBy(f => f.Key)), $"{query}: totals of {got.Start}");
                            Assert.Equal(want.Groups.Select(g => (g.Key, g.Label)), got.Groups.Select(g => (g.Key, g.Label)));
                            foreach (var (wantGroup, gotGroup) in want.Groups.Zip(got.Groups))
                                Assert.True(wantGroup.Figures.OrderBy(f => f.Key).SequenceEqual(gotGroup.Figures.OrderBy(f => f.Key)),
                                    $"{query}: {gotGroup.Key} of {got.Start}");
                        }
                    }
    }

    /// <summary>A whole period's times to decision are kept between reads while its fortnights' revisions stand; a decision shows at once.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task Percentiles_read_again_after_a_decision_show_it(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await At(app, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), Forms.Single("Ada", 320), null);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero));
        await DecideEveryChild(app, (await Submitted(app)).Single(), Assessment);
        await At(app, new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero), Forms.Single("Bo", 321), null);
        // A token for each read: the clock moves on past a token's lifetime.
        async Task<double?> Median() => (await (await app.As(Roles.Manager).GetAsync("/v1/metrics/timeliness?from=2026-11-01&to=2026-11-30&interval=month"))
            .Read<ReadFigures.FiguresTable>()).Periods.Single().Total["medianHoursToDecision"].Value;
        Assert.Equal(2.0, await Median());
        Assert.Equal(2.0, await Median());
        app.Clock.AdjustTime(new DateTimeOffset(2026, 11, 16, 19, 0, 0, TimeSpan.Zero));
        await DecideEveryChild(app, (await Submitted(app)).Last(), Assessment);
        Assert.Equal(6.0, await Median()); // 2 and 10 hours
    }

    private static async Task<List<Guid>> Submitted(ReferralsApp app)
    {
        await using var db = app.Db();
        return await db.Referrals.OrderBy(r => r.ReceivedAt).Select(r => r.Id).ToListAsync();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Any_range_up_to_the_whole_history_is_answered_and_only_an_oversized_answer_is_refused(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await At(app, new DateTimeOffset(2021, 12, 1, 10, 0, 0, TimeSpan.Zero), Forms.Single("Old", 310), Assessment);
        await At(app, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), Forms.Single("Old", 310), Assessment);
        var manager = app.As(Roles.Manager);
        var five = await (await manager.GetAsync("/v1/metrics/volume?from=2021-12-01&to=2026-11-30&interval=month")).Read<ReadFigures.FiguresTable>();
        Assert.Equal(60, five.Periods.Count);
        Assert.Equal((1.0, 1.0), (five.Periods[0].Total["referrals"].Value, five.Periods[^1].Total["children"].Value));
        var outcomes = await (await manager.GetAsync("/v1/metrics/outcomes?from=2021-12-01&to=2026-11-30&interval=month")).Read<ReadFigures.FiguresTable>();
        Assert.Equal(0.0, outcomes.Periods[^1].Total["reReferrals"].Value); // five years on: not within 12 months
        var tooMany = await (await manager.GetAsync("/v1/metrics/volume?from=2000-01-01&to=2100-12-31&interval=week")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["to"], tooMany.ErrorFields());
        // Found by the hostile-input suite once ranges were unlimited: the last day there is answered 500 while the periods were counted.
        foreach (var caller in new[] { manager, app.As(Roles.Analyst) })
        {
            var end = await (await caller.GetAsync("/v1/metrics/volume?from=2026-11-09&to=9999-12-31")).Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["to"], end.ErrorFields());
        }
    }
}
