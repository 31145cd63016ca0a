using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

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

    /// <summary>
    /// The children counted in a fortnight, as a row per child per group (all, agency type, agency) in FortnightChildren,
    /// and in a week and a calendar month (all only): a contact whose row is new is its child's first there, and says so
    /// (ContactFact.NewChild...), so the totals count distinct children by adding up.
    /// </summary>
    private static IEnumerable<(string Claim, FortnightChild Row)> ChildRows(ContactFact fact, DateOnly anchor)
    {
        var fortnight = FortnightOf(fact, anchor);
        var group = Group.Of(fact);
        foreach (var breakdown in new[] { Breakdown.None, Breakdown.AgencyType, Breakdown.Agency })
            yield return (EnumWords.Of(breakdown), new FortnightChild
            {
                Fortnight = fortnight, Breakdown = EnumWords.Of(breakdown), GroupKey = FigureGroups.KeyOf(group, breakdown), ChildKey = fact.ChildKey,
            });
        var day = LondonTime.DayOf(fact.ReceivedAt);
        foreach (var interval in new[] { Interval.Week, Interval.Month })
        {
            var claim = $"{EnumWords.Of(interval)}:none";
            yield return (claim, new FortnightChild { Fortnight = Periods.StartOf(day, interval, anchor), Breakdown = claim, GroupKey = "all", ChildKey = fact.ChildKey });
        }
    }

    /// <summary>The first day of the fortnight of the cycle a contact was received in (London days).</summary>
    private static DateOnly FortnightOf(ContactFact fact, DateOnly anchor) => Periods.StartOf(LondonTime.DayOf(fact.ReceivedAt), Interval.Fortnight, anchor);

    private static void MarkNew(ContactFact fact, string claim)
    {
        switch (claim)
        {
            case "none": fact.NewChildInFortnight = true; break;
            case "agency-type": fact.NewChildForAgencyType = true; break;
            case "agency": fact.NewChildForAgency = true; break;
            case "week:none": fact.NewChildInWeek = true; break;
            default: fact.NewChildInMonth = true; break;
        }
    }

    /// <summary>
    /// Contacts received now: their children's rows inserted one at a time, each only if new (ON CONFLICT DO NOTHING,
    /// in the receiving transaction, so of two concurrent contacts for one child exactly one finds its row new). In
    /// one order of keys, so two referrals naming the same children cannot each wait for the other's rows.
    /// </summary>
    public static async Task ClaimChildrenAsync(ReferralsDbContext db, IEnumerable<ContactFact> facts, DateOnly anchor, CancellationToken cancellationToken)
    {
        var claims = facts.SelectMany(fact => ChildRows(fact, anchor).Select(child => (Fact: fact, Breakdown: child.Claim, child.Row)))
            .OrderBy(c => c.Row.Fortnight).ThenBy(c => c.Row.Breakdown, StringComparer.Ordinal)
            .ThenBy(c => c.Row.GroupKey, StringComparer.Ordinal).ThenBy(c => c.Row.ChildKey, StringComparer.Ordinal).ToList();
        if (claims.Count == 0) return;
        // One statement for all the rows, in key order (both engines take the keys in the order of the rows);
        // RETURNING names the rows this statement made, which are the contacts' firsts.
        // Only placeholders are written into the text; every value goes as a parameter.
        var sql = $"""
            INSERT INTO "FortnightChildren" ("Fortnight", "Breakdown", "GroupKey", "ChildKey")
            VALUES {string.Join(", ", claims.Select((_, i) => $"(@f{i}, @b{i}, @g{i}, @c{i})"))}
            ON CONFLICT DO NOTHING RETURNING "Fortnight", "Breakdown", "GroupKey", "ChildKey"
            """;
        var isNew = new HashSet<(DateOnly, string, string, string)>();
        await foreach (var made in PlainSql.QueryAsync(db, sql, claims.SelectMany((c, i) => new (string, object)[]
                           { ($"@f{i}", c.Row.Fortnight), ($"@b{i}", c.Row.Breakdown), ($"@g{i}", c.Row.GroupKey), ($"@c{i}", c.Row.ChildKey) }), cancellationToken))
            isNew.Add((made.GetFieldValue<DateOnly>(0), made.GetString(1), made.GetString(2), made.GetString(3)));
        foreach (var (fact, breakdown, row) in claims)
            // A row named twice in one referral (the same child twice) is the first contact's.
            if (isNew.Remove((row.Fortnight, row.Breakdown, row.GroupKey, row.ChildKey)))
                MarkNew(fact, breakdown);
    }

    /// <summary>The same for contacts written in bulk in order of receipt (the history generator, a rebuild): decided in memory, a period at a time.</summary>
    public sealed class ChildClaims(DateOnly anchor)
    {
        private readonly Dictionary<string, (DateOnly Start, HashSet<(string, string)> Seen)> _periods = [];

        /// <summary>Marks the contact's firsts and returns its child's new rows, to be inserted with the contacts.</summary>
        public IEnumerable<FortnightChild> Claim(ContactFact fact)
        {
            var rows = new List<FortnightChild>();
            foreach (var (claim, row) in ChildRows(fact, anchor))
            {
                if (!_periods.TryGetValue(claim, out var period) || period.Start != row.Fortnight)
                    _periods[claim] = period = (row.Fortnight, []);
                if (!period.Seen.Add((row.GroupKey, row.ChildKey))) continue;
                MarkNew(fact, claim);
                rows.Add(row);
            }
            return rows;
        }
    }

    /// <summary>The net change to each fortnight's counts, and to each period's (PeriodTotals), made by changes to contact facts.</summary>
    public sealed class Changes(DateOnly anchor)
    {
        private readonly Dictionary<Key, Tally> changes = [];
        private readonly PeriodTotals.Changes periods = new(anchor);

        /// <summary>A contact counted (sign 1) or, as it was before a change, no longer counted (sign -1).</summary>
        public void Add(ContactFact fact, int sign = 1)
        {
            var key = new Key(FortnightOf(fact, anchor), Group.Of(fact));
            if (!changes.TryGetValue(key, out var tally)) changes[key] = tally = new Tally();
            tally.Add(fact, sign);
            periods.Add(fact, sign);
        }

        /// <summary>
        /// Adds each change to its row (made if missing) by one INSERT ... ON CONFLICT DO UPDATE, which SQLite and
        /// PostgreSQL both understand and which adds to the committed counts, so concurrent changes never overwrite
        /// one another. Keys in one order, so two transactions cannot wait on each other's rows.
        /// </summary>
        public async Task ApplyAsync(ReferralsDbContext db, CancellationToken cancellationToken)
        {
            foreach (var (key, tally) in changes.Where(c => !c.Value.IsEmpty)
                         .OrderBy(c => c.Key.Fortnight).ThenBy(c => c.Key.Group.AgencyCode, StringComparer.Ordinal)
                         .ThenBy(c => c.Key.Group.AgencyType).ThenBy(c => c.Key.Group.Channel).ThenBy(c => c.Key.Group.Outcome))
            {
                var group = key.Group;
                await Upsert(db, "FortnightFigures", ["Fortnight", "AgencyCode", "AgencyType", "Channel", "Outcome"],
                    [key.Fortnight, group.AgencyCode, group.AgencyType.ToString(), group.Channel.ToString(), group.Outcome?.ToString() ?? ""], tally, cancellationToken);
            }
            // Every fortnight whose totals this changes gets a new revision, so no instance goes on reporting it as it was.
            foreach (var fortnight in changes.Where(c => !c.Value.IsEmpty).Select(c => c.Key.Fortnight).Distinct().Order())
                await NewRevisionAsync(db, fortnight, cancellationToken);
            changes.Clear();
            await periods.ApplyAsync(db, cancellationToken);
        }
    }

    private static Task NewRevisionAsync(ReferralsDbContext db, DateOnly fortnight, CancellationToken cancellationToken) =>
        PlainSql.ExecuteAsync(db, """
            INSERT INTO "TotalsRevisions" ("Fortnight", "Revision") VALUES (@fortnight, @revision)
            ON CONFLICT ("Fortnight") DO UPDATE SET "Revision" = excluded."Revision"
            """, [("@fortnight", fortnight), ("@revision", System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) * (long)int.MaxValue
                + System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue))], cancellationToken);

    /// <summary>The revisions of the fortnights starting from..to (those that have one).</summary>
    public static Task<Dictionary<DateOnly, long>> RevisionsAsync(ReferralsDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.TotalsRevisions.AsNoTracking().Where(r => r.Fortnight >= from && r.Fortnight <= to).ToDictionaryAsync(r => r.Fortnight, r => r.Revision, cancellationToken);

    /// <summary>The fortnight's totals' revision, or null while they have not changed since the revisions were kept.</summary>
    public static Task<long?> RevisionAsync(ReferralsDbContext db, DateOnly fortnight, CancellationToken cancellationToken) =>
        db.TotalsRevisions.AsNoTracking().Where(r => r.Fortnight == fortnight).Select(r => (long?)r.Revision).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds a change's counts to its row of a totals table, made if missing. Only the counts this change moves are written
    /// out: SQLite compiles the statement on every call, and a submission moves a handful of the forty (the row, when new,
    /// starts the others at 0). Only placeholders are written into the text; every value goes as a parameter.
    /// </summary>
    public static Task Upsert(ReferralsDbContext db, string table, string[] keyColumns, object[] keys, Tally tally, CancellationToken cancellationToken)
    {
        var moved = Enumerable.Range(0, Tally.Names.Count).Where(i => tally.Values[i] != 0).ToList();
        var sql = $"""
            INSERT INTO "{table}" ({string.Join(", ", keyColumns.Select(k => $"\"{k}\""))}, {Columns})
            VALUES ({string.Join(", ", keyColumns.Select((_, i) => $"@k{i}"))}, {string.Join(", ", Enumerable.Range(0, Tally.Names.Count).Select(i => tally.Values[i] != 0 ? $"@c{i}" : "0"))})
            ON CONFLICT ({string.Join(", ", keyColumns.Select(k => $"\"{k}\""))})
            DO UPDATE SET {string.Join(", ", moved.Select(i => $"\"{Tally.Names[i]}\" = \"{table}\".\"{Tally.Names[i]}\" + excluded.\"{Tally.Names[i]}\""))}
            """;
        (string, object)[] parameters = [.. keys.Select((k, i) => ($"@k{i}", k)), .. moved.Select(i => ($"@c{i}", (object)tally.Values[i]))];
        return PlainSql.ExecuteAsync(db, sql, parameters, cancellationToken);
    }

    private static readonly string Columns = string.Join(", ", Tally.Names.Select(n => $"\"{n}\""));

    /// <summary>The fortnight's times to decision, in order, from the facts' covering index: the percentiles need every one.</summary>
    public static Task<List<double>> HoursToDecisionAsync(ReferralsDbContext db, DateOnly fortnight, CancellationToken cancellationToken) =>
        HoursToDecisionAsync(db, fortnight, fortnight.AddDays(13), cancellationToken);

    /// <summary>
    /// The times to decision of contacts received from..to (London days, inclusive), in order, from the covering index. A
    /// period at a time, so no receipt instant is read back and parsed to place its time in a period.
    /// </summary>
    public static async Task<List<double>> HoursToDecisionAsync(ReferralsDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var hours = new List<double>();
        await foreach (var reader in PlainSql.QueryAsync(db, """
            SELECT "HoursToDecision" FROM "ContactFacts"
            WHERE "ReceivedAt" >= @from AND "ReceivedAt" < @to AND "HoursToDecision" IS NOT NULL
            """, [("@from", LondonTime.StartOf(from).UtcDateTime), ("@to", LondonTime.StartOf(to.AddDays(1)).UtcDateTime)], cancellationToken))
            hours.Add(reader.GetDouble(0));
        hours.Sort();
        return hours;
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
            && await db.PeriodFigures.Where(f => f.Interval == PeriodTotals.Day)
                .SumAsync(f => EF.Property<int>(f, nameof(Tally.Count.Contacts)), cancellationToken) == contacts
            && (contacts == 0 || await db.FortnightChildren.AnyAsync(cancellationToken));
    }

    /// <summary>Works the totals out again from every contact fact, in one transaction.</summary>
    public static async Task RebuildAsync(ReferralsDbContext db, DateOnly anchor, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async cancellation =>
        {
            // SQLite lets one writer in at a time. PostgreSQL's lock makes a concurrent change wait until the totals
            // are rebuilt, then add its own increment: it was not in the facts read here, or was as it stood before.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "FortnightFigures", "FortnightChildren", "PeriodFigures" IN EXCLUSIVE MODE""", cancellation);
            await db.FortnightFigures.ExecuteDeleteAsync(cancellation);
            await db.PeriodFigures.ExecuteDeleteAsync(cancellation);
            await db.FortnightChildren.ExecuteDeleteAsync(cancellation);
            // A fortnight at a time, in order of receipt, each written before the next is read (PostgreSQL runs one command
            // at a time on a connection); the first contact of each child in each group is marked again.
            var changes = new Changes(anchor);
            var claims = new ChildClaims(anchor);
            for (var from = await db.ContactFacts.MinAsync(f => (DateTimeOffset?)f.ReceivedAt, cancellation); from is not null;)
            {
                var fortnight = Periods.StartOf(LondonTime.DayOf(from.Value), Interval.Fortnight, anchor);
                var facts = await db.ContactFacts.ReceivedBetween(fortnight, fortnight.AddDays(13))
                    .OrderBy(f => f.ReceivedAt).ThenBy(f => f.ContactId).ToListAsync(cancellation);
                var rows = new List<FortnightChild>();
                foreach (var fact in facts)
                {
                    (fact.NewChildInFortnight, fact.NewChildForAgencyType, fact.NewChildForAgency) = (false, false, false);
                    (fact.NewChildInWeek, fact.NewChildInMonth) = (false, false);
                    rows.AddRange(claims.Claim(fact));
                    changes.Add(fact);
                }
                await db.SaveChangesAsync(cancellation);
                await BulkInsert.WriteAsync(db, rows, cancellation);
                await changes.ApplyAsync(db, cancellation);
                db.ChangeTracker.Clear();
                var next = LondonTime.StartOf(fortnight.AddDays(14));
                from = await db.ContactFacts.Where(f => f.ReceivedAt >= next).MinAsync(f => (DateTimeOffset?)f.ReceivedAt, cancellation);
            }
        }, cancellationToken);
    }
}
