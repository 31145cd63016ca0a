using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;

namespace Referrals.Api.Features.Metrics;

/// <summary>One family of figures for any date range, a period at a time, broken down as asked. Aggregates only.</summary>
public static class ReadFigures
{
    /// <summary>At most this many periods in one answer (twenty years by week, ninety by month): a bound on the answer's size, not on the range.</summary>
    public const int MaxPeriods = 1_100;

    /// <param name="From">First London day of the range.</param>
    /// <param name="To">Last London day of the range (inclusive).</param>
    /// <param name="Interval">fortnight (the performance group's cycle), week (from Monday) or month.</param>
    /// <param name="Breakdown">agency, agency-type, referral-source, locality, channel, concern-category or outcome; none when left out.</param>
    public sealed record Query(FigureFamily Family, DateOnly? From, DateOnly? To, string? Interval, string? Breakdown) : IRequest<FiguresTable>;

    /// <param name="Suppressed">Whether disclosure control was applied (for analysts).</param>
    /// <param name="OverdueNow">Timeliness only: open referrals whose decision was due before now.</param>
    public sealed record FiguresTable(FigureFamily Family, DateOnly From, DateOnly To, Interval Interval, Breakdown Breakdown,
        bool Suppressed, int SuppressionThreshold, string Definitions, Figure? OverdueNow, IReadOnlyList<PeriodFigures> Periods);

    public sealed record PeriodFigures(DateOnly Start, DateOnly End, IReadOnlyDictionary<string, Figure> Total, IReadOnlyList<GroupFigures> Groups);

    public sealed record GroupFigures(string Key, string Label, IReadOnlyDictionary<string, Figure> Figures);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(MetricsOptions options, CurrentUser user)
        {
            // Disclosure control holds within an answer; across answers, an analyst who could ask for a range and the same
            // range a day shorter would read the day's count by subtraction. So analysts read whole fortnights of the cycle
            // only: any two answers then differ by whole fortnights, each shown (or suppressed) on its own. Weeks and months
            // overlap fortnights (a fortnight less its first week is its second), so they are for managers.
            When(_ => !user.IsManager, () =>
            {
                var anchor = options.FortnightAnchor;
                RuleFor(q => q.Interval).Must(i => i is null || i == EnumWords.Of(Interval.Fortnight))
                    .When(q => EnumWords.TryParse<Interval>(q.Interval, out _), ApplyConditionTo.CurrentValidator)
                    .WithMessage(AnalystsMessage);
                RuleFor(q => q.From).Must(from => Periods.StartOf(from!.Value, Interval.Fortnight, anchor) == from)
                    .When(q => q.From is { Year: >= 2000 and <= 2100 }, ApplyConditionTo.CurrentValidator)
                    .WithMessage(q => $"{AnalystsMessage} The fortnight holding this day starts on " +
                        $"{Periods.StartOf(q.From!.Value, Interval.Fortnight, anchor):yyyy-MM-dd}.");
                RuleFor(q => q.To).Must(to => Periods.EndOf(to!.Value, Interval.Fortnight, anchor) == to)
                    .When(q => q.To is { Year: >= 2000 and <= 2100 }, ApplyConditionTo.CurrentValidator)
                    .WithMessage(q => $"{AnalystsMessage} The fortnight holding this day ends on " +
                        $"{Periods.EndOf(q.To!.Value, Interval.Fortnight, anchor):yyyy-MM-dd}.");
            });
            RuleFor(q => q.From).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
            RuleFor(q => q.To).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                .GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null).WithMessage("'to' must not be before 'from'.");
            RuleFor(q => q.Interval).Must(i => EnumWords.TryParse<Interval>(i, out _)).When(q => q.Interval is not null)
                .WithMessage("Use fortnight, week or month.");
            RuleFor(q => q.Breakdown).Must(b => EnumWords.TryParse<Breakdown>(b, out _)).When(q => q.Breakdown is not null)
                .WithMessage($"Use one of: {string.Join(", ", Enum.GetValues<Breakdown>().Select(EnumWords.Of))}.");
            RuleFor(q => q).Must(q => Periods.Split(q.From!.Value, q.To!.Value, IntervalOf(q), options.FortnightAnchor).Count <= MaxPeriods)
                .When(q => q.From is { Year: >= 2000 and <= 2100 } && q.To is { Year: >= 2000 and <= 2100 } && q.To >= q.From
                    && EnumWords.TryParse<Interval>(q.Interval ?? "fortnight", out _))
                .WithName("to").OverridePropertyName("to")
                .WithMessage($"At most {MaxPeriods} periods in one answer: ask by a longer interval, or for a shorter range.");
        }
    }

    public const string AnalystsMessage =
        "Analysts read whole fortnights of the performance group's cycle, so that no two answers differ by part of one.";

    public static Interval IntervalOf(Query query) => EnumWords.TryParse<Interval>(query.Interval, out var interval) ? interval : Interval.Fortnight;

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, MetricsOptions options, PeriodTallies tallies, TimeProvider clock)
        : IRequestHandler<Query, FiguresTable>
    {
        public async Task<FiguresTable> Handle(Query query, CancellationToken cancellationToken)
        {
            var interval = IntervalOf(query);
            var breakdown = EnumWords.TryParse<Breakdown>(query.Breakdown, out var b) ? b : Breakdown.None;
            var from = query.From!.Value;
            var to = query.To!.Value;
            var suppress = !user.IsManager;
            var spans = Periods.Split(from, to, interval, options.FortnightAnchor);
            var read = await tallies.ReadAsync(query.Family, spans, interval, breakdown, cancellationToken);
            var periods = spans.Select((period, i) => Tabulate(query.Family, read[i].Total, read[i].Groups,
                options.SuppressionThreshold, suppress, period.Start, period.End)).ToList();

            var overdue = query.Family == FigureFamily.Timeliness
                ? await OverdueNowAsync(db, clock, options.SuppressionThreshold, suppress, cancellationToken) : null;
            return new FiguresTable(query.Family, from, to, interval, breakdown, suppress, options.SuppressionThreshold,
                Definitions.Describe(query.Family), overdue, periods);
        }
    }

    /// <summary>Open referrals whose decision was due before now: a count now, not of any period.</summary>
    public static async Task<Figure> OverdueNowAsync(ReferralsDbContext db, TimeProvider clock, int threshold, bool suppress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = await db.Referrals.CountAsync(r => ReferralLifecycle.AwaitingDecision.Contains(r.Status) && r.DecisionDueAt < now, cancellationToken);
        return DisclosureControl.Apply([new Measured("overdueNow", count, count, true, "overdueNow")], [], threshold, suppress).Total["overdueNow"];
    }

    /// <summary>Contacts received from..to (London days, inclusive), through the summary table's index on receipt time.</summary>
    public static IQueryable<ContactFact> ReceivedBetween(this IQueryable<ContactFact> facts, DateOnly from, DateOnly to)
    {
        var start = LondonTime.StartOf(from);
        var end = LondonTime.StartOf(to.AddDays(1));
        return facts.Where(f => f.ReceivedAt >= start && f.ReceivedAt < end);
    }

    public static PeriodFigures Tabulate(FigureFamily family, Tally total, IReadOnlyList<FigureGroups.Group> groups,
        int threshold, bool suppress, DateOnly start, DateOnly end)
    {
        var table = DisclosureControl.Apply(FigureCalculator.Calculate(family, total),
            groups.Select(g => FigureCalculator.Calculate(family, g.Tally)).ToList(), threshold, suppress);
        return new PeriodFigures(start, end, table.Total, groups.Select((g, i) => new GroupFigures(g.Key, g.Label, table.Groups[i])).ToList());
    }
}
