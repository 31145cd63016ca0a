using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Storage;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Keeps and reads the fortnight totals (FortnightFigures, FortnightChildren): what a change to contact facts adds
/// to and takes from its fortnight's counts, applied as increments in the same transaction, and one fortnight's totals.
/// Fortnights are the performance group's cycle (Metrics:FortnightAnchor); if the anchor moves, the totals
/// are worked out again at start.
/// </summary>
public static class FortnightTotals
{
    /// <summary>The groups the totals keep apart: every breakdown the fortnightly report shows is made from them.</summary>
    public sealed record Group(string AgencyCode, AgencyType AgencyType, Channel Channel, DecisionOutcome? Outcome)
    {
        public static Group Of(ContactFact fact) => new(fact.AgencyCode, fact.AgencyType, fact.Channel, fact.Outcome);
    }

    public sealed record Key(DateOnly Fortnight, Group Group);

    /// <summary>The breakdowns whose groups' distinct children are kept (FortnightChildren): those the report shows children for.</summary>
    public static readonly IReadOnlyList<Breakdown> ChildrenKeptBy = [Breakdown.None, Breakdown.AgencyType, Breakdown.Agency];

    /// <summary>What the totals cannot add up, for one fortnight: distinct children per group kept, and every time to decision.</summary>
    public sealed record Uncounted(IReadOnlyDictionary<(Breakdown Breakdown, string Key), int> Children, IReadOnlyList<double> HoursToDecision);

    /// <summary>The net change to each fortnight's counts made by changes to contact facts.</summary>
    public sealed class Changes(DateOnly anchor)
    {
        private readonly Dictionary<Key, Tally> changes = [];
        private readonly List<FortnightChild> children = [];

        /// <summary>A contact counted (sign 1) or, as it was before a change, no longer counted (sign -1).</summary>
        public void Add(ContactFact fact, int sign = 1)
        {
            var key = new Key(FortnightOf(fact), Group.Of(fact));
            if (!changes.TryGetValue(key, out var tally)) changes[key] = tally = new Tally();
            tally.Add(fact, sign);
        }

        /// <summary>A contact newly received: counted, and its child among its fortnight's children in each group it falls in.</summary>
        public void Received(ContactFact fact)
        {
            Add(fact);
            var group = Group.Of(fact);
            foreach (var breakdown in ChildrenKeptBy)
                children.Add(new FortnightChild
                {
                    Fortnight = FortnightOf(fact), Breakdown = Json.Word(breakdown), GroupKey = FigureGroups.KeyOf(group, breakdown), ChildKey = fact.ChildKey,
                });
        }

        private DateOnly FortnightOf(ContactFact fact) => Periods.StartOf(LondonTime.DayOf(fact.ReceivedAt), Interval.Fortnight, anchor);

        /// <summary>
        /// Adds each change to its row (made if missing) by one INSERT ... ON CONFLICT DO UPDATE, which SQLite and
        /// PostgreSQL both understand and which adds to the committed counts, so concurrent changes never overwrite
        /// one another. Keys in one order, so two transactions cannot wait on each other's rows.
        /// </summary>
        public async Task ApplyAsync(ReferralsDbContext db, CancellationToken cancellationToken)
        {
            var names = Tally.Names.Select(n => $"\"{n}\"").ToList();
            var sql = $"""
                INSERT INTO "FortnightFigures" ("Fortnight", "AgencyCode", "AgencyType", "Channel", "Outcome", {string.Join(", ", names)})
                VALUES ({string.Join(", ", Enumerable.Range(0, 5 + names.Count).Select(i => $"{{{i}}}"))})
                ON CONFLICT ("Fortnight", "AgencyCode", "AgencyType", "Channel", "Outcome")
                DO UPDATE SET {string.Join(", ", names.Select(n => $"{n} = \"FortnightFigures\".{n} + excluded.{n}"))}
                """;
            foreach (var (key, tally) in changes.Where(c => !c.Value.IsEmpty)
                         .OrderBy(c => c.Key.Fortnight).ThenBy(c => c.Key.Group.AgencyCode, StringComparer.Ordinal)
                         .ThenBy(c => c.Key.Group.AgencyType).ThenBy(c => c.Key.Group.Channel).ThenBy(c => c.Key.Group.Outcome))
            {
                var group = key.Group;
                object[] values = [key.Fortnight, group.AgencyCode, group.AgencyType.ToString(), group.Channel.ToString(), group.Outcome?.ToString() ?? "",
                    .. tally.Values.Cast<object>()];
                await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken);
            }
            // A child already counted in a group that fortnight is left as it is.
            await BulkInsert.WriteAsync(db, children, cancellationToken, skipExisting: true);
            changes.Clear();
            children.Clear();
        }
    }

    /// <summary>The totals for the fortnight starting on the given day, a row per group.</summary>
    public static async Task<List<(Group Group, Tally Tally)>> ReadAsync(ReferralsDbContext db, DateOnly fortnight, CancellationToken cancellationToken)
    {
        var rows = new List<(Group, Tally)>();
        await foreach (var reader in QueryAsync(db, $"""
            SELECT "AgencyCode", "AgencyType", "Channel", "Outcome", {string.Join(", ", Tally.Names.Select(n => $"\"{n}\""))}
            FROM "FortnightFigures" WHERE "Fortnight" = @fortnight
            """, [("@fortnight", fortnight)], cancellationToken))
        {
            var group = new Group(reader.GetString(0), Enum.Parse<AgencyType>(reader.GetString(1)), Enum.Parse<Channel>(reader.GetString(2)),
                reader.GetString(3) is { Length: > 0 } outcome ? Enum.Parse<DecisionOutcome>(outcome) : null);
            var counts = new int[Tally.Names.Count];
            for (var i = 0; i < counts.Length; i++) counts[i] = reader.GetInt32(4 + i);
            var tally = new Tally();
            tally.Add(counts);
            rows.Add((group, tally));
        }
        return rows;
    }

    /// <summary>The fortnight's distinct children per group kept, and its times to decision from the facts' covering index.</summary>
    public static async Task<Uncounted> UncountedAsync(ReferralsDbContext db, DateOnly fortnight, CancellationToken cancellationToken)
    {
        var breakdowns = ChildrenKeptBy.ToDictionary(b => Json.Word(b));
        var children = new Dictionary<(Breakdown, string), int>();
        await foreach (var reader in QueryAsync(db, """
            SELECT "Breakdown", "GroupKey", COUNT(*) FROM "FortnightChildren" WHERE "Fortnight" = @fortnight GROUP BY "Breakdown", "GroupKey"
            """, [("@fortnight", fortnight)], cancellationToken))
            children[(breakdowns[reader.GetString(0)], reader.GetString(1))] = checked((int)reader.GetInt64(2));

        var hours = new List<double>();
        await foreach (var reader in QueryAsync(db, """
            SELECT "HoursToDecision" FROM "ContactFacts"
            WHERE "ReceivedAt" >= @from AND "ReceivedAt" < @to AND "HoursToDecision" IS NOT NULL
            """, [("@from", LondonTime.StartOf(fortnight).UtcDateTime), ("@to", LondonTime.StartOf(fortnight.AddDays(14)).UtcDateTime)], cancellationToken))
            hours.Add(reader.GetDouble(0));
        hours.Sort();
        return new Uncounted(children, hours);
    }

    /// <summary>
    /// A plain ADO.NET read for the report's two hot queries, the fastest way through either provider: portable
    /// SQL only (double-quoted names, named parameters); instants passed as UTC DateTime, as the model's converter
    /// stores them.
    /// </summary>
    private static async IAsyncEnumerable<DbDataReader> QueryAsync(ReferralsDbContext db, string sql, (string Name, object Value)[] parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) yield return reader;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether the totals account for every contact fact, in fortnights of the configured cycle. Checked at start:
    /// an upgrade, a restore or a moved anchor is put right by RebuildAsync.
    /// </summary>
    public static async Task<bool> AreCompleteAsync(ReferralsDbContext db, DateOnly anchor, CancellationToken cancellationToken)
    {
        var latest = await db.FortnightFigures.OrderByDescending(f => f.Fortnight).Select(f => (DateOnly?)f.Fortnight).FirstOrDefaultAsync(cancellationToken);
        var contacts = await db.ContactFacts.CountAsync(cancellationToken);
        return (latest is null || Periods.StartOf(latest.Value, Interval.Fortnight, anchor) == latest)
            && await db.FortnightFigures.SumAsync(f => EF.Property<int>(f, nameof(Tally.Count.Contacts)), cancellationToken) == contacts
            && (contacts == 0 || await db.FortnightChildren.AnyAsync(cancellationToken));
    }

    /// <summary>Works the totals out again from every contact fact, in one transaction.</summary>
    public static async Task RebuildAsync(ReferralsDbContext db, DateOnly anchor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // SQLite lets one writer in at a time. PostgreSQL's lock makes a concurrent change wait until the totals
        // are rebuilt, then add its own increment: it was not in the facts read here, or was as it stood before.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "FortnightFigures", "FortnightChildren" IN EXCLUSIVE MODE""", cancellationToken);
        await db.FortnightFigures.ExecuteDeleteAsync(cancellationToken);
        await db.FortnightChildren.ExecuteDeleteAsync(cancellationToken);
        var changes = new Changes(anchor);
        // A page at a time, each applied before the next is read (PostgreSQL runs one command at a time on a connection).
        for (Guid? after = null; ;)
        {
            var page = await db.ContactFacts.AsNoTracking().Where(f => after == null || f.ContactId.CompareTo(after.Value) > 0)
                .OrderBy(f => f.ContactId).Take(20_000).ToListAsync(cancellationToken);
            if (page.Count == 0) break;
            foreach (var fact in page) changes.Received(fact);
            await changes.ApplyAsync(db, cancellationToken);
            after = page[^1].ContactId;
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
