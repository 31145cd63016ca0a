using FluentValidation;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Keeps and reads the period totals (PeriodFigures): each contact's counts added to its London day, week, fortnight and
/// calendar month, a row per agency (with the type, referral source, locality and area the directory gives it), channel
/// and final outcome, in the same transaction as every change to contact facts (FortnightTotals.Changes). Figures for any
/// range add up its whole periods' rows and, where the range cuts a period, its days' rows.
/// </summary>
public static class PeriodTotals
{
    public const string Day = "day";

    /// <summary>The groups the period totals keep apart: every single-valued breakdown of the figures is made from them.</summary>
    public sealed record Group(string AgencyCode, AgencyType AgencyType, string SourceCode, string Locality, string Area, Channel Channel,
        DecisionOutcome? Outcome)
    {
        public static Group Of(ContactFact fact) =>
            new(fact.AgencyCode, fact.AgencyType, fact.SourceCode, fact.Locality, fact.Area, fact.Channel, fact.Outcome);
    }

    private sealed record Key(string Interval, DateOnly Start, Group Group);

    public static string Word(Interval interval) => EnumWords.Of(interval);

    /// <summary>The net change to each period's counts.</summary>
    public sealed class Changes(DateOnly anchor)
    {
        private readonly Dictionary<Key, Tally> changes = [];

        public void Add(ContactFact fact, int sign = 1)
        {
            var day = LondonTime.DayOf(fact.ReceivedAt);
            var group = Group.Of(fact);
            foreach (var (interval, start) in new[]
                     {
                         (Day, day), (Word(Interval.Week), Periods.StartOf(day, Interval.Week, anchor)),
                         (Word(Interval.Fortnight), Periods.StartOf(day, Interval.Fortnight, anchor)), (Word(Interval.Month), Periods.StartOf(day, Interval.Month, anchor)),
                     })
            {
                var key = new Key(interval, start, group);
                if (!changes.TryGetValue(key, out var tally)) changes[key] = tally = new Tally();
                tally.Add(fact, sign);
            }
        }

        /// <summary>Each change added to its row, in one order of keys (FortnightTotals.Upsert), so two transactions cannot wait on each other's rows.</summary>
        public async Task ApplyAsync(ReferralsDbContext db, CancellationToken cancellationToken)
        {
            foreach (var (key, tally) in changes.Where(c => !c.Value.IsEmpty)
                         .OrderBy(c => c.Key.Interval, StringComparer.Ordinal).ThenBy(c => c.Key.Start)
                         .ThenBy(c => c.Key.Group.AgencyCode, StringComparer.Ordinal).ThenBy(c => c.Key.Group.AgencyType)
                         .ThenBy(c => c.Key.Group.SourceCode, StringComparer.Ordinal).ThenBy(c => c.Key.Group.Locality, StringComparer.Ordinal)
                         .ThenBy(c => c.Key.Group.Area, StringComparer.Ordinal).ThenBy(c => c.Key.Group.Channel).ThenBy(c => c.Key.Group.Outcome))
            {
                var group = key.Group;
                await FortnightTotals.Upsert(db, "PeriodFigures",
                    ["Interval", "Start", "AgencyCode", "AgencyType", "SourceCode", "Locality", "Area", "Channel", "Outcome"],
                    [key.Interval, key.Start, group.AgencyCode, group.AgencyType.ToString(), group.SourceCode, group.Locality, group.Area,
                        group.Channel.ToString(), group.Outcome?.ToString() ?? ""], tally, cancellationToken);
            }
            changes.Clear();
        }
    }

    /// <summary>The column a breakdown keeps its groups apart by (none for the whole).</summary>
    private static string? ColumnOf(Breakdown breakdown) => breakdown switch
    {
        Breakdown.None => null,
        Breakdown.Agency => "AgencyCode",
        Breakdown.AgencyType => "AgencyType",
        Breakdown.ReferralSource => "SourceCode",
        Breakdown.Locality => "Locality",
        Breakdown.Area => "Area",
        Breakdown.Channel => "Channel",
        Breakdown.Outcome => "Outcome",
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown), breakdown, "Not kept apart in the period totals."),
    };

    private static readonly string Sums = string.Join(", ", Tally.Names.Select(n => $"SUM(\"{n}\")"));

    /// <summary>
    /// Each period of one interval starting from..to (inclusive), added up in the database for each group of the breakdown
    /// (a few rows come back, not every agency's), through the table's key. A group is known by its breakdown's column alone.
    /// </summary>
    public static async Task<List<(DateOnly Start, Group Group, Tally Tally)>> ReadAsync(ReferralsDbContext db, string interval, DateOnly from, DateOnly to,
        Breakdown breakdown, CancellationToken cancellationToken)
    {
        var column = ColumnOf(breakdown);
        var sql = $"""
            SELECT "Start", {(column is null ? "''" : $"\"{column}\"")}, {Sums} FROM "PeriodFigures"
            WHERE "Interval" = @interval AND "Start" >= @from AND "Start" <= @to
            GROUP BY "Start"{(column is null ? "" : $", \"{column}\"")}
            """;
        var rows = new List<(DateOnly, Group, Tally)>();
        await foreach (var reader in PlainSql.QueryAsync(db, sql, [("@interval", interval), ("@from", from), ("@to", to)], cancellationToken))
        {
            var key = reader.GetString(1);
            var group = new Group(
                breakdown == Breakdown.Agency ? key : "", breakdown == Breakdown.AgencyType ? Enum.Parse<AgencyType>(key) : default,
                breakdown == Breakdown.ReferralSource ? key : "", breakdown == Breakdown.Locality ? key : "", breakdown == Breakdown.Area ? key : "",
                breakdown == Breakdown.Channel ? Enum.Parse<Channel>(key) : default,
                breakdown == Breakdown.Outcome && key.Length > 0 ? Enum.Parse<DecisionOutcome>(key) : null);
            var counts = new int[Tally.Names.Count];
            // Sums come back as 64-bit integers on both engines.
            for (var i = 0; i < counts.Length; i++) counts[i] = checked((int)reader.GetInt64(2 + i));
            var tally = new Tally();
            tally.Add(counts);
            rows.Add((reader.GetFieldValue<DateOnly>(0), group, tally));
        }
        return rows;
    }
}
