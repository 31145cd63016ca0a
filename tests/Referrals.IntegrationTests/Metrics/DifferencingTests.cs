using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>
/// Disclosure control must hold across answers, not only within one: an analyst who asks for every range over a
/// fixture, by every interval and breakdown, and subtracts one answer from another must learn no count from 1 to 4.
/// The same attack as a manager (who sees everything) does find them, so the search can fail.
/// </summary>
public sealed class DifferencingTests
{
    private static readonly DateOnly First = new(2026, 10, 12), Last = new(2026, 11, 8); // two fortnights of the cycle
    private static readonly string[] Counts = ["contacts", "referrals", "children"];

    private sealed record Answer(DateOnly From, DateOnly To, string? Interval, string? Breakdown, ReadFigures.FiguresTable Table);

    [Theory, OnSqlite]
    public async Task No_pair_of_ranges_gives_away_a_small_count_by_subtraction(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        async Task Receive(DateTimeOffset when, int seed, string? agency = null)
        {
            app.Clock.AdjustTime(when);
            var form = Forms.Single($"Child{seed}", seed);
            var response = agency is null
                ? await app.As(Roles.Referrer, School).PostJson("/v1/referrals", form)
                : await app.As(Roles.Practitioner).PostJson("/v1/referrals",
                    form with { Channel = Channel.Phone, AgencyCode = agency, Referrer = Forms.ByPhone().Referrer });
            await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        }
        for (var i = 0; i < 6; i++) await Receive(new DateTimeOffset(2026, 10, 13 + i % 2, 10, i, 0, TimeSpan.Zero), 900 + i);
        for (var i = 0; i < 7; i++) await Receive(new DateTimeOffset(2026, 10, 27, 10, i, 0, TimeSpan.Zero), 910 + i);
        await Receive(new DateTimeOffset(2026, 10, 30, 11, 0, 0, TimeSpan.Zero), 920, "EH-DERBY-CITY"); // one early-help contact
        for (var i = 0; i < 2; i++) await Receive(new DateTimeOffset(2026, 11, 2, 12, i, 0, TimeSpan.Zero), 930 + i, "POLICE-DERBYSHIRE");
        app.Clock.AdjustTime(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

        var analyst = await AskEveryRange(app.As(Roles.Analyst), [null, "week", "month"], [null, "agency-type"]);
        Assert.Contains(analyst, a => a.Interval is null && a.Breakdown is null); // whole fortnights are answered
        var found = SmallCountsBySubtraction(analyst);
        Assert.True(found.Count == 0, string.Join("\n", found.Take(20)));

        var manager = await AskEveryRange(app.As(Roles.Manager), [null], [null]);
        Assert.Contains(SmallCountsBySubtraction(manager), f => f.Contains("2026-10-30")); // the one early-help contact, exposed
    }

    private static async Task<List<Answer>> AskEveryRange(HttpClient client, string?[] intervals, string?[] breakdowns)
    {
        var answers = new List<Answer>();
        for (var from = First; from <= Last; from = from.AddDays(1))
            for (var to = from; to <= Last; to = to.AddDays(1))
                foreach (var interval in intervals)
                    foreach (var breakdown in breakdowns)
                    {
                        var url = $"/v1/metrics/volume?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
                            + (interval is null ? "" : $"&interval={interval}") + (breakdown is null ? "" : $"&breakdown={breakdown}");
                        var response = await client.GetAsync(url);
                        if (response.StatusCode == HttpStatusCode.OK)
                            answers.Add(new(from, to, interval, breakdown, await response.Read<ReadFigures.FiguresTable>()));
                        else await response.Problem(HttpStatusCode.UnprocessableEntity);
                    }
        return answers;
    }

    /// <summary>Every small count an attacker gets by subtracting: one range from a longer one, and visible groups from a total.</summary>
    private static List<string> SmallCountsBySubtraction(List<Answer> answers)
    {
        static bool Small(double d) => d is >= 1 and <= 4;
        var found = new List<string>();
        // A range's figure for a group, added up over its periods: known exactly only if no period hides it.
        static double? Sum(Answer answer, string group, string count)
        {
            double sum = 0;
            foreach (var period in answer.Table.Periods)
            {
                var figure = group == "all" ? period.Total.GetValueOrDefault(count)
                    : period.Groups.FirstOrDefault(g => g.Key == group)?.Figures.GetValueOrDefault(count) ?? new Figure(0);
                if (figure is null || figure.Suppressed) return null;
                sum += figure.Value ?? 0;
            }
            return sum;
        }
        foreach (var longer in answers)
            foreach (var shorter in answers.Where(a => a != longer && a.Breakdown == longer.Breakdown
                && a.From >= longer.From && a.To <= longer.To))
            {
                var groups = longer.Table.Periods.SelectMany(p => p.Groups.Select(g => g.Key)).Append("all").Distinct();
                foreach (var group in groups)
                    foreach (var count in Counts)
                        if (Sum(longer, group, count) is { } l && Sum(shorter, group, count) is { } s && Small(l - s))
                            found.Add($"{longer.From:yyyy-MM-dd}..{longer.To:yyyy-MM-dd} less {shorter.From:yyyy-MM-dd}..{shorter.To:yyyy-MM-dd} " +
                                $"({longer.Interval ?? "fortnight"}, {longer.Breakdown ?? "none"}): {l - s} {count} for {group}");
            }
        foreach (var answer in answers.Where(a => a.Breakdown is not null))
            foreach (var period in answer.Table.Periods)
                foreach (var count in Counts)
                {
                    var hidden = period.Groups.Where(g => g.Figures[count].Suppressed).ToList();
                    if (hidden.Count == 0 || period.Total[count].Suppressed) continue;
                    var rest = period.Total[count].Value!.Value - period.Groups.Where(g => !g.Figures[count].Suppressed).Sum(g => g.Figures[count].Value ?? 0);
                    if (Small(rest) || hidden.Count == 1)
                        found.Add($"{period.Start:yyyy-MM-dd}..{period.End:yyyy-MM-dd} total less visible groups: {rest} {count} " +
                            $"in {string.Join(", ", hidden.Select(g => g.Key))}");
                }
        return found;
    }
}
