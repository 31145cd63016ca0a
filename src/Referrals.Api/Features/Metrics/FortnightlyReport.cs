using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The performance group's pack for one fortnight, each figure beside the previous fortnight and the
/// same fortnight a year earlier (52 weeks before, so the same weekdays and the same place in the cycle).
/// </summary>
public static class FortnightlyReport
{
    /// <param name="Fortnight">The fortnight's first day (a day the cycle starts on, from Metrics:FortnightAnchor). Left out: the
    /// last complete fortnight (the one before the fortnight today is in, London time).</param>
    public sealed record Query(DateOnly? Fortnight) : IRequest<Report>;

    public sealed record Span(DateOnly Start, DateOnly End);

    /// <param name="Suppressed">Whether disclosure control was applied (for analysts).</param>
    public sealed record Report(Span Fortnight, Span PreviousFortnight, Span YearEarlier, bool Suppressed, int SuppressionThreshold,
        string Definitions, IReadOnlyList<Row> Rows);

    /// <param name="Section">volume, channels, quality, outcomes, timeliness or babies.</param>
    /// <param name="Breakdown">How the section is split (none for the totals).</param>
    /// <param name="Group">The group's key (all for the totals) and Label its name.</param>
    public sealed record Row(string Section, Breakdown Breakdown, string Group, string Label, string Figure,
        Figure ThisFortnight, Figure PreviousFortnight, Figure YearEarlier);

    private sealed record Part(string Section, FigureFamily Family, Breakdown Breakdown, string[] Figures, bool TopReasons = false);

    private static readonly Part[] Parts =
    [
        new("volume", FigureFamily.Volume, Breakdown.None, ["contacts", "formsReceived", "referrals", "children"]),
        new("volume", FigureFamily.Volume, Breakdown.AgencyType, ["contacts", "formsReceived", "referrals", "children"]),
        new("volume", FigureFamily.Volume, Breakdown.Agency, ["contacts", "formsReceived", "referrals", "children"]),
        new("channels", FigureFamily.Volume, Breakdown.Channel, ["contacts"]),
        new("quality", FigureFamily.Quality, Breakdown.None, ["averageQualityScore", "scoredWithEarlierRubric", "ratedPoorPercent",
            "consentAddressedPercent", "childsVoicePercent", "actionsTakenPercent", "returnedForInformationPercent", "electronicFormPercent",
            "levelAgreementPercent", "bandRated", "bandAgreementPercent", "bandAboveRating", "bandBelowRating", "bandRankCorrelation"], TopReasons: true),
        new("quality", FigureFamily.Quality, Breakdown.Agency, ["formsReceived", "averageQualityScore", "rated", "ratedPoorPercent",
            "bandRated", "bandAgreementPercent", "bandRankCorrelation"], TopReasons: true),
        new("outcomes", FigureFamily.Outcomes, Breakdown.None, ["decided", "referrals", "conversionRatePercent",
            "socialCareAssessmentOrStrategyPercent", "earlyHelpPercent", "noFurtherActionPercent", "reReferrals", "reReferralPercent"]),
        new("outcomes", FigureFamily.Outcomes, Breakdown.Outcome, ["decided"]),
        new("timeliness", FigureFamily.Timeliness, Breakdown.None, ["decided", "decidedWithinOneWorkingDayPercent", "medianHoursToDecision",
            "ninetiethPercentileHoursToDecision", "outcomesSent", "outcomesSentWithinOneWorkingDayPercent"]),
        new("babies", FigureFamily.Timeliness, Breakdown.None, ["babyContacts", "babyDecided", "babyDecidedWithinOneWorkingDayPercent"]),
    ];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(MetricsOptions options) =>
            RuleFor(q => q.Fortnight).NotNull().InclusiveBetween(new DateOnly(2001, 1, 1), new DateOnly(2100, 12, 31))
                .Must(day => Periods.StartOf(day!.Value, Interval.Fortnight, options.FortnightAnchor) == day)
                .When(q => q.Fortnight is not null)
                .WithMessage(q => $"Not the first day of a fortnight: the fortnight containing it starts on " +
                    $"{Periods.StartOf(q.Fortnight!.Value, Interval.Fortnight, options.FortnightAnchor):yyyy-MM-dd}.");
    }

    /// <summary>
    /// Each fortnight's tallies as last read, with its totals' revision: kept while the revision stands, so a report on
    /// fortnights nothing has changed since reads one revision each, not their totals. Any instance's change to a
    /// fortnight gives it a new revision in the same transaction (FortnightTotals), so none reports it as it was.
    /// </summary>
    public sealed class KeptTallies
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, (long? Revision, Dictionary<Breakdown, IReadOnlyList<FigureGroups.Group>> Tallies)> _kept = new();

        public Dictionary<Breakdown, IReadOnlyList<FigureGroups.Group>>? Find(DateOnly fortnight, long? revision) =>
            _kept.TryGetValue(fortnight, out var kept) && kept.Revision == revision ? kept.Tallies : null;

        public void Keep(DateOnly fortnight, long? revision, Dictionary<Breakdown, IReadOnlyList<FigureGroups.Group>> tallies) =>
            _kept[fortnight] = (revision, tallies);
    }

    public sealed class Handler(ReferralsDbContext db, IServiceScopeFactory scopes, CurrentUser user, MetricsOptions options, FigureGroups groups,
        TimeProvider clock, KeptTallies kept)
        : IRequestHandler<Query, Report>
    {
        public async Task<Report> Handle(Query query, CancellationToken cancellationToken)
        {
            var start = query.Fortnight
                ?? Periods.StartOf(LondonTime.DayOf(clock.GetUtcNow()), Interval.Fortnight, options.FortnightAnchor).AddDays(-14);
            Span[] spans = [new(start, start.AddDays(13)), new(start.AddDays(-14), start.AddDays(-1)), new(start.AddDays(-364), start.AddDays(-351))];
            var suppress = !user.IsManager;
            // The three fortnights are independent, so each is read on its own connection at the same time
            // (on the thread pool: SQLite's reads are synchronous underneath, and would otherwise run one after another).
            var reading = Task.WhenAll(spans.Select(span => Task.Run(() => TallyAsync(span, cancellationToken), cancellationToken)));
            var overdue = await ReadFigures.OverdueNowAsync(db, clock, options.SuppressionThreshold, suppress, cancellationToken);
            var tallies = await reading;

            var rows = new List<Row>();
            foreach (var part in Parts)
            {
                var tables = spans.Select((span, i) => ReadFigures.Tabulate(part.Family, tallies[i][Breakdown.None].SingleOrDefault()?.Tally ?? Tally.Of([]),
                    part.Breakdown == Breakdown.None ? [] : tallies[i][part.Breakdown], options.SuppressionThreshold, suppress, span.Start, span.End)).ToList();
                var keys = part.Breakdown == Breakdown.None
                    ? [("all", "All")]
                    : tables.SelectMany(t => t.Groups.Select(g => (g.Key, g.Label))).Distinct().OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                foreach (var (key, label) in keys)
                {
                    var figures = tables.Select(t => part.Breakdown == Breakdown.None ? t.Total : t.Groups.FirstOrDefault(g => g.Key == key)?.Figures).ToList();
                    foreach (var name in part.Figures.Concat(part.TopReasons ? TopReasons(figures[0]) : []))
                        rows.Add(new Row(part.Section, part.Breakdown, key, label, name, Cell(figures[0], name), Cell(figures[1], name), Cell(figures[2], name)));
                }
            }
            rows.Add(new Row("timeliness", Breakdown.None, "all", "All", "overdueNow", overdue, new Figure(null), new Figure(null)));
            return new Report(spans[0], spans[1], spans[2], suppress, options.SuppressionThreshold,
                string.Join(' ', Enum.GetValues<FigureFamily>().Select(Definitions.Describe).Append(Definitions.Suppression).Distinct()), rows);
        }

        /// <summary>
        /// One fortnight's tallies for each breakdown the report shows, from its period totals added up in the database by
        /// group (a few rows each) and its times to decision (never the contacts' rows), each breakdown read once for all
        /// the sections that show it.
        /// </summary>
        private async Task<Dictionary<Breakdown, IReadOnlyList<FigureGroups.Group>>> TallyAsync(Span span, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            // The revision first: a change committed between the two reads then shows as a new revision next time.
            var revision = await FortnightTotals.RevisionAsync(db, span.Start, cancellationToken);
            if (kept.Find(span.Start, revision) is { } unchanged) return unchanged;
            var fortnight = PeriodTotals.Word(Interval.Fortnight);
            var tallies = new Dictionary<Breakdown, IReadOnlyList<FigureGroups.Group>>();
            foreach (var breakdown in Parts.Select(p => p.Breakdown).Append(Breakdown.None).Distinct())
            {
                var rows = await PeriodTotals.ReadAsync(db, fortnight, span.Start, span.Start, breakdown, cancellationToken);
                tallies[breakdown] = groups.Split(rows.Select(r => (r.Group, r.Tally)).ToList(), breakdown);
                foreach (var group in tallies[breakdown])
                    group.Tally.Children = PeriodTallies.KeptChildren(group.Tally, Interval.Fortnight, breakdown);
                if (breakdown != Breakdown.None) continue;
                var total = new Tally();
                foreach (var row in rows) total.Add(row.Tally.Values);
                total.Children = PeriodTallies.KeptChildren(total, Interval.Fortnight, Breakdown.None);
                total.HoursToDecision = await FortnightTotals.HoursToDecisionAsync(db, span.Start, cancellationToken);
                tallies[breakdown] = total[Tally.Count.Contacts] == 0 ? [] : [new FigureGroups.Group("all", "All", total)];
            }
            kept.Keep(span.Start, revision, tallies);
            return tallies;
        }

        /// <summary>A group with no contacts in a fortnight has counts of 0 and no shares.</summary>
        private static Figure Cell(IReadOnlyDictionary<string, Figure>? figures, string name) =>
            figures?.GetValueOrDefault(name) ?? new Figure(IsCount(name) ? 0 : null);

        /// <summary>The figures that are counts (not shares, averages or times), as the calculator says of each.</summary>
        private static readonly HashSet<string> Counts = Enum.GetValues<FigureFamily>()
            .SelectMany(family => FigureCalculator.Calculate(family, Tally.Of([]))).Where(m => m.IsCount).Select(m => m.Name).ToHashSet();

        private static bool IsCount(string name) => Counts.Contains(name);

        /// <summary>The three most common reasons this fortnight for rating referrals below good (suppressed ones too: their place is not a count).</summary>
        private static IEnumerable<string> TopReasons(IReadOnlyDictionary<string, Figure>? current) =>
            (current ?? new Dictionary<string, Figure>())
                .Where(f => f.Key.StartsWith("reason:", StringComparison.Ordinal) && (f.Value.Suppressed || f.Value.Value > 0))
                .OrderByDescending(f => f.Value.Value ?? 0).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Take(3).Select(f => f.Key);
    }

    public static byte[] ToCsv(Report report) => Csv.Write(
        ["Section", "Breakdown", "Group", "Name", "Figure",
         $"This fortnight ({report.Fortnight.Start:yyyy-MM-dd} to {report.Fortnight.End:yyyy-MM-dd})",
         $"Previous fortnight ({report.PreviousFortnight.Start:yyyy-MM-dd} to {report.PreviousFortnight.End:yyyy-MM-dd})",
         $"Same fortnight a year earlier ({report.YearEarlier.Start:yyyy-MM-dd} to {report.YearEarlier.End:yyyy-MM-dd})"],
        report.Rows.Select(r => new object?[]
        {
            r.Section, EnumWords.Of(r.Breakdown), r.Group, r.Label, r.Figure, Value(r.ThisFortnight), Value(r.PreviousFortnight), Value(r.YearEarlier),
        }));

    /// <summary>"[c]" marks a suppressed figure, as in official statistics; an empty cell, one with nothing to show.</summary>
    private static object? Value(Figure figure) => figure.Suppressed ? "[c]" : figure.Value;
}
