using System.Globalization;

namespace Referrals.Api.Data.Saving;

/// <summary>
/// The save step that gives each new referral its reference, REF-year-number: registered last, so the year's counter
/// row, locked from its first statement to the commit, is held as briefly as a submission allows.
/// </summary>
public sealed class ReferenceNumbers : ISaveStep
{
    public async Task BeforeWritingAsync(ReferralsDbContext db, ChangesToSave changes, CancellationToken cancellationToken)
    {
        foreach (var referral in changes.Received.Where(r => r.Reference.Length == 0))
            referral.Number(await NextAsync(db, referral.ReceivedAt.Year, cancellationToken));
    }

    /// <summary>
    /// The year's next reference. The counter row stays locked by this statement until the transaction ends, so
    /// references are issued in commit order without gaps, by any number of instances; one statement, standard
    /// to SQLite 3.35+ and PostgreSQL: the year's first referral makes the row, every other takes the next number.
    /// </summary>
    private static async Task<string> NextAsync(ReferralsDbContext db, int year, CancellationToken cancellationToken)
    {
        var number = await PlainSql.SingleAsync<int>(db, """
            INSERT INTO "ReferenceCounters" ("Year", "LastNumber") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastNumber" = "ReferenceCounters"."LastNumber" + 1
            RETURNING "LastNumber"
            """, [("@year", year)], cancellationToken);
        var reference = $"REF-{year}-{number:D6}";
        // A counter behind its rows (a history import stopped part-way, a restore from mismatched backups) would make every
        // submission collide on the reference: one indexed look catches it, and the counter moves past the highest in use.
        if (await PlainSql.SingleAsync<long>(db, """SELECT COUNT(*) FROM "Referrals" WHERE "Reference" = @reference""",
                [("@reference", reference)], cancellationToken) == 0)
            return reference;
        var highest = await PlainSql.SingleAsync<string>(db,
            """SELECT MAX("Reference") FROM "Referrals" WHERE "Reference" LIKE @year""", [("@year", $"REF-{year}-%")], cancellationToken);
        number = int.Parse(highest[$"REF-{year}-".Length..], CultureInfo.InvariantCulture) + 1;
        await PlainSql.ExecuteAsync(db, """UPDATE "ReferenceCounters" SET "LastNumber" = @number WHERE "Year" = @year""",
            [("@number", number), ("@year", year)], cancellationToken);
        return $"REF-{year}-{number:D6}";
    }
}
