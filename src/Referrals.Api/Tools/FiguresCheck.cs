using Referrals.Api.Domain;
using System.Globalization;
using FluentValidation;
using Referrals.Api.Features.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Tools;

/// <summary>
/// A command-line check that the figures read from kept totals are the figures worked out from every contact, for every
/// family and breakdown over a range (bench/metrics runs it on the history it times):
/// <c>dotnet Referrals.Api.dll check-figures --from 2021-12-01 --to 2026-11-30 --interval month</c>.
/// A year of periods at a time, so the contacts of the whole range are never in memory at once.
/// </summary>
public static class FiguresCheck
{
    public static async Task<int> RunCommandAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (!DateOnly.TryParse(Option("--from"), CultureInfo.InvariantCulture, out var from) ||
            !DateOnly.TryParse(Option("--to"), CultureInfo.InvariantCulture, out var to) || to < from ||
            !EnumWords.TryParse<Interval>(Option("--interval") ?? "month", out var interval))
        {
            errors.WriteLine("usage: check-figures --from YYYY-MM-DD --to YYYY-MM-DD [--interval fortnight|week|month]");
            return 2;
        }
        var anchor = services.GetRequiredService<MetricsOptions>().FortnightAnchor;
        var spans = Periods.Split(from, to, interval, anchor);
        int tables = 0, differences = 0;
        foreach (var chunk in spans.Chunk(interval == Interval.Month ? 12 : 26))
            foreach (var breakdown in Enum.GetValues<Breakdown>())
            {
                await using var scope = services.CreateAsyncScope();
                var tallies = scope.ServiceProvider.GetRequiredService<PeriodTallies>();
                var fromContacts = await tallies.FromContactsAsync(chunk, breakdown, CancellationToken.None);
                foreach (var family in Enum.GetValues<FigureFamily>().Where(f => !PeriodTallies.FromContactsOnly(f, breakdown)))
                {
                    var fromTotals = await tallies.FromTotalsAsync(family, chunk, interval, breakdown, CancellationToken.None);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var (start, end) = chunk[i];
                        var want = ReadFigures.Tabulate(family, fromContacts[i].Total, fromContacts[i].Groups, 5, suppress: false, start, end);
                        var got = ReadFigures.Tabulate(family, fromTotals[i].Total, fromTotals[i].Groups, 5, suppress: false, start, end);
                        tables++;
                        if (Same(want, got)) continue;
                        differences++;
                        errors.WriteLine($"differs: {EnumWords.Of(family)} by {EnumWords.Of(breakdown)}, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
                    }
                }
            }
        output.WriteLine($"figures check: {tables} period tables ({spans.Count} {EnumWords.Of(interval)}s from {from:yyyy-MM-dd} " +
                         $"to {to:yyyy-MM-dd}, every family and breakdown kept in totals), {differences} differing from the " +
                         "figures worked out from every contact");
        return differences == 0 ? 0 : 1;
    }

    private static bool Same(ReadFigures.PeriodFigures want, ReadFigures.PeriodFigures got) =>
        want.Total.OrderBy(f => f.Key).SequenceEqual(got.Total.OrderBy(f => f.Key))
        && want.Groups.Select(g => (g.Key, g.Label)).SequenceEqual(got.Groups.Select(g => (g.Key, g.Label)))
        && want.Groups.Zip(got.Groups).All(p => p.First.Figures.OrderBy(f => f.Key).SequenceEqual(p.Second.Figures.OrderBy(f => f.Key)));
}
