// The load benchmark's yardstick: one endpoint that makes the same database writes as a referral submission
// (the same rows in the same tables of a database the service has migrated, in one transaction, with the
// same durability settings) with plain ADO.NET, and nothing else: no token, no validation, no mediator, no EF Core.
// What the service does on top of these writes is what the benchmark's ratio measures.
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var sqlite = builder.Configuration["Database:Provider"] != "Postgres";
var connectionString = builder.Configuration["Database:ConnectionString"] ?? throw new InvalidOperationException("Database:ConnectionString is not set.");
NpgsqlDataSource? postgres = sqlite ? null : NpgsqlDataSource.Create(connectionString);
var app = builder.Build();

// The additive counts are the totals tables' columns, as the service's migrations made them: read from the database,
// so the baseline writes the same rows whatever counts a later release adds. A submission moves these ones.
string[] totalsKey = ["Interval", "Start", "AgencyCode", "AgencyType", "SourceCode", "Locality", "Area", "Channel", "Outcome"];
var counts = await CountColumnsAsync();
string[] moved = ["Contacts", "ContactsByForm", "NewChildren", "NewChildrenForAgencyType", "NewChildrenForAgency", "NewChildrenInWeek",
    "NewChildrenInMonth", "FormsReceived", "QualityScoreTotal", "ScoredWithCurrentRubric", "CurrentRubricScoreTotal"];
string Value(string count) => count switch
{
    "FormsReceived" or "ScoredWithCurrentRubric" => "1",
    "QualityScoreTotal" or "CurrentRubricScoreTotal" => "@score",
    _ when moved.Contains(count) => "@children",
    _ => "0",
};
string Upsert(string table, string[] key) => $"""
    INSERT INTO "{table}" ({string.Join(", ", key.Concat(counts).Select(c => $"\"{c}\""))})
    VALUES ({string.Join(", ", key.Select(k => "@" + k.ToLowerInvariant()).Concat(counts.Select(Value)))})
    ON CONFLICT ({string.Join(", ", key.Select(k => $"\"{k}\""))}) DO UPDATE SET
    {string.Join(", ", moved.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""))}
    """;
var fortnightFigures = Upsert("FortnightFigures", ["Fortnight", "AgencyCode", "AgencyType", "Channel", "Outcome"]);
var periodFigures = Upsert("PeriodFigures", totalsKey);

app.MapPost("/v1/referrals", async (HttpRequest request) =>
{
    using var form = await JsonDocument.ParseAsync(request.Body);
    var root = form.RootElement;
    var submission = root.GetRawText();
    var children = root.GetProperty("children").EnumerateArray().ToList();
    var categories = root.GetProperty("concern").GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();
    var channel = root.TryGetProperty("channel", out var c) ? c.GetString()! : "electronic-form";
    var now = DateTimeOffset.UtcNow;
    var referralId = Guid.CreateVersion7();
    var key = request.Headers["Idempotency-Key"].ToString();
    const string agency = "SCH-DERBY-MOOR", user = "dev-referrer-SCH-DERBY-MOOR";
    var day = DateOnly.FromDateTime(now.UtcDateTime);
    var week = day.AddDays(-(((int)now.DayOfWeek + 6) % 7));
    // The performance group's fortnights start on Monday 5 January 2026 and every second Monday after (Metrics:FortnightAnchor).
    var fortnight = week.AddDays(-7 * (((week.DayNumber - new DateOnly(2026, 1, 5).DayNumber) / 7 % 2 + 2) % 2));
    var month = new DateOnly(day.Year, day.Month, 1);

    await using var connection = sqlite ? new SqliteConnection(connectionString) : (DbConnection)await postgres!.OpenConnectionAsync();
    if (sqlite)
    {
        await connection.OpenAsync();
        await Execute(connection, null, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    }
    await using var transaction = await connection.BeginTransactionAsync();
    await Execute(connection, transaction, """INSERT INTO "ReferenceCounters" ("Year", "LastNumber") VALUES (@year, 0) ON CONFLICT ("Year") DO NOTHING""", ("year", now.Year));
    var number = await Scalar(connection, transaction, """UPDATE "ReferenceCounters" SET "LastNumber" = "LastNumber" + 1 WHERE "Year" = @year RETURNING "LastNumber" """, ("year", now.Year));
    var reference = $"REF-{now.Year}-{number:D6}";
    await Execute(connection, transaction, """
        INSERT INTO "Referrals" ("Id", "Reference", "AgencyCode", "Channel", "Status", "ReceivedAt", "DecisionDueAt", "SubmittedByUserId", "SubmittedByName",
            "SubmittedByRole", "ReferrerName", "LevelOfNeed", "Risk", "AnyChildNotSafeNow", "QualityScore", "RubricVersion", "QualityJson", "SubmissionJson", "Version", "QueuePriority")
        VALUES (@id, @reference, @agency, @channel, 'submitted', @now, @due, @user, 'Jo Bloggs', 'referrer', 'Jo Bloggs', @level, @risk, @notSafe, 80, 'v1', @quality, @submission, 1, 3)
        """, ("id", Id(referralId)), ("reference", reference), ("agency", agency), ("channel", channel), ("now", now), ("due", now.AddDays(1)), ("user", user),
        ("level", root.GetProperty("referrerView").GetProperty("levelOfNeed").GetInt32()), ("risk", root.GetProperty("referrerView").GetProperty("risk").GetString()),
        ("notSafe", children.Any(ch => ch.GetProperty("safeNow").GetString() != "yes")), ("quality", Quality), ("submission", submission));
    for (var i = 0; i < children.Count; i++)
    {
        var child = children[i];
        var contactId = Guid.CreateVersion7();
        var first = child.GetProperty("firstName").GetString()!;
        var last = child.GetProperty("lastName").GetString()!;
        await Execute(connection, transaction, """
            INSERT INTO "Contacts" ("Id", "ReferralId", "Position", "FirstName", "LastName", "NormalisedName", "DateOfBirth", "NhsNumber", "SafeNow")
            VALUES (@id, @referral, @position, @first, @last, @normalised, @born, @nhs, @safe)
            """, ("id", Id(contactId)), ("referral", Id(referralId)), ("position", i), ("first", first), ("last", last), ("normalised", $"{first} {last}".ToLowerInvariant()),
            ("born", DateOnly.Parse(child.GetProperty("dateOfBirth").GetString()!)), ("nhs", child.GetProperty("nhsNumber").GetString()), ("safe", child.GetProperty("safeNow").GetString()));
        await Execute(connection, transaction, """
            INSERT INTO "ContactFacts" ("ContactId", "ReferralId", "ReceivedAt", "ChildKey", "AgencyCode", "AgencyType", "SourceCode", "Locality", "Area",
                "Channel", "ConcernCategories", "QualityScore", "RubricVersion", "ConsentAddressed", "ChildsVoice", "ActionsTaken", "ReferrerLevel", "ReReferral",
                "ReferralsInTwelveMonths", "Status", "ReturnedForInformation", "DecisionDueAt", "QualityReasons", "FirstOnReferral", "NewChildInFortnight",
                "NewChildForAgencyType", "NewChildForAgency", "NewChildInWeek", "NewChildInMonth")
            VALUES (@id, @referral, @now, @child, @agency, 'school', '2A', 'derby', 'Derby', @channel, @categories, 80, '2026.2', @yes, @yes, @yes, @level,
                @no, 0, 'submitted', @no, @due, '', @first, @yes, @yes, @yes, @yes, @yes)
            """, ("id", Id(contactId)), ("referral", Id(referralId)), ("now", now), ("child", $"name:{first} {last}".ToLowerInvariant()), ("agency", agency),
            ("channel", channel), ("categories", string.Join(',', categories)), ("yes", true), ("no", false), ("level", 3), ("due", now.AddDays(1)), ("first", i == 0));
        foreach (var (breakdown, start) in new[] { ("none", fortnight), ("agency-type", fortnight), ("agency", fortnight), ("week:none", week), ("month:none", month) })
            await Execute(connection, transaction, """INSERT INTO "FortnightChildren" ("Fortnight", "Breakdown", "GroupKey", "ChildKey") VALUES (@fortnight, @breakdown, @group, @child) ON CONFLICT DO NOTHING""",
                ("fortnight", start), ("breakdown", breakdown), ("group", breakdown == "none" || breakdown.Contains(':') ? "all" : agency),
                ("child", $"name:{first} {last}".ToLowerInvariant()));
    }
    foreach (var category in categories)
        await Execute(connection, transaction, """INSERT INTO "ReferralConcerns" ("ReferralId", "CategoryCode") VALUES (@referral, @category)""", ("referral", Id(referralId)), ("category", category));
    await Execute(connection, transaction, """
        INSERT INTO "ReferralTransitions" ("Id", "ReferralId", "Sequence", "From", "To", "ByUserId", "ByName", "ByRole", "At", "Reason")
        VALUES (@id, @referral, 0, NULL, 'submitted', @user, 'Jo Bloggs', 'referrer', @now, 'Received by electronic form.')
        """, ("id", Id(Guid.CreateVersion7())), ("referral", Id(referralId)), ("user", user), ("now", now));
    await Execute(connection, transaction, """
        INSERT INTO "AuditEntries" ("Id", "At", "UserId", "UserName", "Role", "AgencyCode", "Action", "ReferralId", "CorrelationId")
        VALUES (@id, @now, @user, 'Jo Bloggs', 'referrer', @agency, 'referral.submitted', @referral, @correlation)
        """, ("id", Id(Guid.CreateVersion7())), ("now", now), ("user", user), ("agency", agency), ("referral", Id(referralId)), ("correlation", request.HttpContext.TraceIdentifier));
    if (key.Length > 0)
        await Execute(connection, transaction, """
            INSERT INTO "IdempotencyRecords" ("UserId", "Key", "RequestHash", "ReferralId", "CreatedAt") VALUES (@user, @key, @hash, @referral, @now)
            """, ("user", user), ("key", key), ("hash", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(submission)))),
            ("referral", Id(referralId)), ("now", now));
    await Execute(connection, transaction, """INSERT INTO "FeedbackCounters" ("AgencyCode", "LastSequence") VALUES (@agency, 0) ON CONFLICT ("AgencyCode") DO NOTHING""", ("agency", agency));
    var sequence = await Scalar(connection, transaction, """UPDATE "FeedbackCounters" SET "LastSequence" = "LastSequence" + 1 WHERE "AgencyCode" = @agency RETURNING "LastSequence" """, ("agency", agency));
    await Execute(connection, transaction, """
        INSERT INTO "FeedbackEvents" ("Id", "AgencyCode", "Sequence", "Type", "ReferralId", "Reference", "OccurredAt")
        VALUES (@id, @agency, @sequence, 'referral-received', @referral, @reference, @now)
        """, ("id", Id(Guid.CreateVersion7())), ("agency", agency), ("sequence", sequence), ("referral", Id(referralId)), ("reference", reference), ("now", now));
    await Execute(connection, transaction, fortnightFigures, ("fortnight", fortnight), ("agencycode", agency), ("agencytype", "School"), ("channel", channel),
        ("outcome", ""), ("children", children.Count), ("score", 80));
    await Execute(connection, transaction, """
        INSERT INTO "TotalsRevisions" ("Fortnight", "Revision") VALUES (@fortnight, @revision)
        ON CONFLICT ("Fortnight") DO UPDATE SET "Revision" = excluded."Revision"
        """, ("fortnight", fortnight), ("revision", Random.Shared.NextInt64()));
    foreach (var (interval, start) in new[] { ("day", day), ("week", week), ("fortnight", fortnight), ("month", month) })
        await Execute(connection, transaction, periodFigures, ("interval", interval), ("start", start), ("agencycode", agency), ("agencytype", "School"),
            ("sourcecode", "2A"), ("locality", "derby"), ("area", "Derby"), ("channel", channel), ("outcome", ""), ("children", children.Count), ("score", 80));
    await transaction.CommitAsync();
    return Results.Created($"/v1/referrals/{referralId}", new { id = referralId, reference });
});
app.Run();

async Task<string[]> CountColumnsAsync()
{
    await using var connection = sqlite ? new SqliteConnection(connectionString) : (DbConnection)await postgres!.OpenConnectionAsync();
    if (sqlite) await connection.OpenAsync();
    await using var command = Command(connection, null, """SELECT * FROM "PeriodFigures" WHERE 1 = 0""", []);
    await using var reader = await command.ExecuteReaderAsync();
    return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Where(c => !totalsKey.Contains(c))];
}

// EF Core stores a Guid as upper-case text in SQLite and as uuid in PostgreSQL; the same here.
object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;

static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
{
    await using var command = Command(connection, transaction, sql, parameters);
    await command.ExecuteNonQueryAsync();
}

static async Task<long> Scalar(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
{
    await using var command = Command(connection, transaction, sql, parameters);
    return Convert.ToInt64(await command.ExecuteScalarAsync());
}

static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
{
    var command = connection.CreateCommand();
    command.CommandText = sql;
    command.Transaction = transaction;
    foreach (var (name, value) in parameters)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
    return command;
}

partial class Program
{
    /// <summary>A quality assessment of the size the service stores with each referral.</summary>
    private static readonly string Quality = JsonSerializer.Serialize(Enumerable.Range(1, 12).Select(i => new { element = $"element-{i}", met = i % 3 != 0, points = i, advice = "Say what the child said, in their words, and what you saw." }));
}
