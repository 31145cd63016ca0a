using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Period = (System.DateOnly Start, System.DateOnly End);
using PeriodTally = (Referrals.Api.Features.Metrics.Tally Total,
    System.Collections.Generic.IReadOnlyList<Referrals.Api.Features.Metrics.FigureGroups.Group> Groups);

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Each period's tallies for a family of figures and a breakdown: added up from the kept period totals, whatever the length
/// of the range, or, for what is not kept (a contact ticks several concern categories; each group's times to decision),
/// worked out from every contact in the range. Both ways give the same figures (PeriodTotalsTests, bench/metrics' check).
/// </summary>
public sealed class PeriodTallies(ReferralsDbContext db, MetricsOptions options, FigureGroups groups, PeriodTallies.KeptHours kept)
{
    /// <summary>
    /// Each whole period's times to decision as last read, with the revisions of the fortnights it overlaps: kept while they
    /// stand (any instance's change to a fortnight's contacts gives it a new revision in the same transaction), so
    /// percentiles over years read a revision a fortnight instead of every time to decision.
    /// </summary>
    public sealed class KeptHours
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Period, (string Revisions, List<double> Hours)> _kept = new();

        public List<double>? Find(Period period, string revisions) =>
            _kept.TryGetValue(period, out var kept) && kept.Revisions == revisions ? kept.Hours : null;

        public void Keep(Period period, string revisions, List<double> hours) => _kept[period] = (revisions, hours);
    }

    public Task<List<PeriodTally>> ReadAsync(FigureFamily family,
        IReadOnlyList<Period> spans, Interval interval, Breakdown breakdown, CancellationToken cancellationToken) =>
        FromContactsOnly(family, breakdown)
            ? FromContactsAsync(spans, breakdown, cancellationToken)
            : FromTotalsAsync(family, spans, interval, breakdown, cancellationToken);

    /// <summary>What the totals do not keep apart: worked out from the contacts.</summary>
    public static bool FromContactsOnly(FigureFamily family, Breakdown breakdown) =>
        breakdown == Breakdown.ConcernCategory || (family == FigureFamily.Timeliness && breakdown != Breakdown.None);

    /// <summary>Each period's tallies from every contact in it.</summary>
    public async Task<List<PeriodTally>> FromContactsAsync(
        IReadOnlyList<Period> spans, Breakdown breakdown, CancellationToken cancellationToken)
    {
        var buckets = spans.Select(_ => new List<ContactFact>()).ToList();
        foreach (var fact in await db.ContactFacts.AsNoTracking().ReceivedBetween(spans[0].Start, spans[^1].End).ToListAsync(cancellationToken))
            buckets[SpanOf(spans, fact)].Add(fact);
        return buckets.Select(bucket => (Tally.Of(bucket), groups.Split(bucket, breakdown))).ToList();
    }

    /// <summary>
    /// Each period's tallies from the period totals: a whole period's own rows, a period the range cuts from its days'. Distinct
    /// children come from the counts kept for whole fortnights (all, by agency type, by agency), weeks and months (all), and
    /// otherwise from the contacts of that period alone; times to decision from the covering index on the contacts.
    /// </summary>
    public async Task<List<PeriodTally>> FromTotalsAsync(FigureFamily family,
        IReadOnlyList<Period> spans, Interval interval, Breakdown breakdown, CancellationToken cancellationToken)
    {
        var anchor = options.FortnightAnchor;
        bool Whole(Period span) =>
            Periods.StartOf(span.Start, interval, anchor) == span.Start && Periods.EndOf(span.Start, interval, anchor) == span.End;
        var rows = spans.Select(_ => new List<(PeriodTotals.Group Group, Tally Tally)>()).ToList();
        if (spans.Any(Whole))
            foreach (var (start, group, tally) in await PeriodTotals.ReadAsync(db, PeriodTotals.Word(interval), spans.First(Whole).Start,
                         spans.Last(Whole).Start, breakdown, cancellationToken))
                rows[IndexOf(spans, start)].Add((group, tally));
        foreach (var (span, i) in spans.Select((span, i) => (span, i)).Where(x => !Whole(x.span)))
            foreach (var (_, group, tally) in await PeriodTotals.ReadAsync(db, PeriodTotals.Day, span.Start, span.End, breakdown, cancellationToken))
                rows[i].Add((group, tally));

        var hours = family == FigureFamily.Timeliness ? await HoursToDecisionAsync(spans, Whole, cancellationToken) : null;
        var result = new List<PeriodTally>();
        for (var i = 0; i < spans.Count; i++)
        {
            var total = new Tally();
            foreach (var (_, tally) in rows[i]) total.Add(tally.Values);
            total.HoursToDecision = hours?[i];
            var split = groups.Split(rows[i], breakdown);
            if (family == FigureFamily.Volume)
                await CountChildrenAsync(spans[i], Whole(spans[i]) ? interval : null, breakdown, total, split, cancellationToken);
            result.Add((total, split));
        }
        return result;
    }

    /// <summary>
    /// Distinct children in a whole period's tally (of all contacts, or of a breakdown's group), where they are kept: for
    /// fortnights all, by agency type and by agency; for weeks and months all. Null where they are not.
    /// </summary>
    public static int? KeptChildren(Tally tally, Interval? whole, Breakdown breakdown) => (whole, breakdown) switch
    {
        (Interval.Fortnight, Breakdown.None) => tally[Tally.Count.NewChildren],
        (Interval.Fortnight, Breakdown.AgencyType) => tally[Tally.Count.NewChildrenForAgencyType],
        (Interval.Fortnight, Breakdown.Agency) => tally[Tally.Count.NewChildrenForAgency],
        (Interval.Week, Breakdown.None) => tally[Tally.Count.NewChildrenInWeek],
        (Interval.Month, Breakdown.None) => tally[Tally.Count.NewChildrenInMonth],
        _ => null,
    };

    /// <summary>Distinct children in a period: kept counts where there are some, else from the period's own contacts.</summary>
    private async Task CountChildrenAsync(Period span, Interval? whole, Breakdown breakdown, Tally total,
        IReadOnlyList<FigureGroups.Group> split, CancellationToken cancellationToken)
    {
        total.Children = KeptChildren(total, whole, Breakdown.None);
        foreach (var group in split) group.Tally.Children = KeptChildren(group.Tally, whole, breakdown);
        if (total.Children is not null && split.All(g => g.Tally.Children is not null)) return;
        var facts = await db.ContactFacts.AsNoTracking().ReceivedBetween(span.Start, span.End).ToListAsync(cancellationToken);
        total.Children ??= facts.Select(f => f.ChildKey).Distinct().Count();
        var counted = groups.Split(facts, breakdown).ToDictionary(g => g.Key, g => g.Tally.Children);
        foreach (var group in split) group.Tally.Children ??= counted.GetValueOrDefault(group.Key);
    }

    /// <summary>Every time to decision in the range, a period at a time (the percentiles need every one); whole periods' kept while they stand.</summary>
    private async Task<List<double>[]> HoursToDecisionAsync(IReadOnlyList<Period> spans, Func<Period, bool> whole,
        CancellationToken cancellationToken)
    {
        var anchor = options.FortnightAnchor;
        // The revisions first: a change committed meanwhile then shows as a new revision next time.
        var first = Periods.StartOf(spans[0].Start, Interval.Fortnight, anchor);
        var revisions = await FortnightTotals.RevisionsAsync(db, first, spans[^1].End, cancellationToken);
        string RevisionsOf(Period span)
        {
            var fortnights = new List<string>();
            for (var f = Periods.StartOf(span.Start, Interval.Fortnight, anchor); f <= span.End; f = f.AddDays(14))
                fortnights.Add(revisions.TryGetValue(f, out var revision) ? revision.ToString(CultureInfo.InvariantCulture) : "-");
            return string.Join(',', fortnights);
        }
        var hours = new List<double>[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var key = whole(spans[i]) ? RevisionsOf(spans[i]) : null;
            hours[i] = (key is null ? null : kept.Find(spans[i], key))
                ?? await FortnightTotals.HoursToDecisionAsync(db, spans[i].Start, spans[i].End, cancellationToken);
            if (key is not null) kept.Keep(spans[i], key, hours[i]);
        }
        return hours;
    }

    private static int SpanOf(IReadOnlyList<Period> spans, ContactFact fact) => IndexOf(spans, LondonTime.DayOf(fact.ReceivedAt));

    /// <summary>The period a day falls in: the periods are in order and cover the range without gaps.</summary>
    private static int IndexOf(IReadOnlyList<Period> spans, DateOnly day)
    {
        int low = 0, high = spans.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (spans[middle].Start <= day) low = middle; else high = middle - 1;
        }
        return low;
    }
}
