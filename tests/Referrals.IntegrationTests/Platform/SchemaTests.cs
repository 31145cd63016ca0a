using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Referrals.Api.Data.Migrations;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// The migrations (hand-written until EF Core Design was served, generated with a model snapshot since) are proved
/// here: migrate an empty database on each engine and compare every table, column, type, nullability, key and index
/// with the model.
/// </summary>
public sealed class SchemaTests
{
    private sealed record Column(string Table, string Name, string Type, bool Nullable);
    private sealed record Index(string Table, string Name, bool Unique, string Columns);

    [Theory, OnSqlite, OnPostgres]
    public async Task Migrated_schema_matches_the_model(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        await using var db = app.Db();

        var expectedColumns = new List<Column>();
        var expectedIndexes = new List<Index>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
                expectedColumns.Add(new Column(table, property.GetColumnName(store)!, Normalise(property.GetColumnType()), property.IsColumnNullable(store)));
            var key = entity.FindPrimaryKey()!;
            expectedIndexes.Add(new Index(table, key.GetName()!, true, string.Join(",", key.Properties.Select(p => p.GetColumnName(store)))));
            foreach (var index in entity.GetIndexes())
                expectedIndexes.Add(new Index(table, index.GetDatabaseName()!, index.IsUnique, string.Join(",", index.Properties.Select(p => p.GetColumnName(store)))));
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var (actualColumns, actualIndexes) = engine == Engine.Sqlite ? await ReadSqlite(connection) : await ReadPostgres(connection);

        Assert.Equal(expectedColumns.OrderBy(c => c.Table).ThenBy(c => c.Name), actualColumns.OrderBy(c => c.Table).ThenBy(c => c.Name));
        Assert.Equal(expectedIndexes.OrderBy(i => i.Table).ThenBy(i => i.Name), actualIndexes.OrderBy(i => i.Table).ThenBy(i => i.Name));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>
    /// The first migration generated with the model snapshot found nothing to do: today's hand-written schema is the
    /// model. Run down and up again on each engine, it leaves every table, column and index as it was.
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task The_first_generated_migration_is_empty_against_the_hand_written_schema(Engine engine)
    {
        var baseline = new SnapshotBaseline();
        Assert.Empty(baseline.UpOperations);
        Assert.Empty(baseline.DownOperations);

        using var app = new ReferralsApp(engine);
        _ = app.Server;
        await using var db = app.Db();
        var migrations = db.Database.GetMigrations().ToList();
        var generated = migrations.Single(m => m.EndsWith("_SnapshotBaseline"));
        var lastHandWritten = migrations[migrations.IndexOf(generated) - 1];
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var migrated = await Schema(engine, connection);

        // Down through every later generated migration (each one's Down runs on this engine too), then the baseline.
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(generated);
        var atBaseline = await Schema(engine, connection, latest: false);
        await migrator.MigrateAsync(lastHandWritten);
        Assert.Equal(migrations[migrations.IndexOf(generated)..], await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(atBaseline, await Schema(engine, connection, latest: false));
        await migrator.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(migrated, await Schema(engine, connection));
    }

    /// <summary>
    /// Every change to the model comes with a migration: the snapshot (generated on SQLite, whose types it carries)
    /// matches the model. The service also refuses to start on SQLite when it does not.
    /// </summary>
    [Fact]
    public async Task The_model_has_no_change_that_lacks_a_migration()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        _ = app.Server;
        await using var db = app.Db();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    /// <param name="latest">Whether the database is at the latest migration, so holds exactly the model's tables.</param>
    private static async Task<string> Schema(Engine engine, DbConnection connection, bool latest = true)
    {
        var (columns, indexes) = engine == Engine.Sqlite ? await ReadSqlite(connection, latest) : await ReadPostgres(connection, latest);
        return string.Join("\n", columns.OrderBy(c => c.Table).ThenBy(c => c.Name).Select(c => c.ToString())
            .Concat(indexes.OrderBy(i => i.Table).ThenBy(i => i.Name).Select(i => i.ToString())));
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_and_syncs_every_commit()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        _ = app.Server;
        await using var db = app.Db();
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", await Scalar(db.Database.GetDbConnection(), "PRAGMA journal_mode"));
        Assert.Equal("2", await Scalar(db.Database.GetDbConnection(), "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal("1", await Scalar(db.Database.GetDbConnection(), "PRAGMA foreign_keys"));
    }

    private static string Normalise(string? type) => (type ?? "").ToLowerInvariant();

    private static readonly string[] Tables =
    [
        "Referrals", "Contacts", "ReferralConcerns", "AuditEntries", "IdempotencyRecords", "ReferenceCounters",
        "ReferralTransitions", "InformationRequests", "RagRatings", "AgencyChecks", "ChildDecisions",
        "FeedbackEvents", "FeedbackCounters", "WebhookSubscriptions", "FeedbackDeliveries",
        "ContactFacts", "FortnightFigures", "FortnightChildren", "KnownChildIds", "PeriodFigures", "TotalsRevisions",
        "Drafts", "Attachments", "AttachmentChunks", "DataProtectionKeys",
    ];

    private static async Task<(List<Column>, List<Index>)> ReadSqlite(DbConnection connection, bool latest = true)
    {
        var tables = await Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'");
        if (latest) Assert.Equal(Tables.Order(), tables.Select(t => t[0]).Order());
        var columns = new List<Column>();
        var indexes = new List<Index>();
        foreach (var table in tables.Select(t => t[0]))
        {
            var info = await Rows(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')");
            columns.AddRange(info.Select(c => new Column(table, c[0], c[1].ToLowerInvariant(), c[2] == "0")));
            // SQLite keeps the primary key in the table definition; it names no constraint, so the model's name is taken.
            var pk = string.Join(",", info.Where(c => c[3] != "0").OrderBy(c => int.Parse(c[3])).Select(c => c[0]));
            indexes.Add(new Index(table, $"PK_{table}", true, pk));
            foreach (var index in await Rows(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
            {
                var cols = await Rows(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                indexes.Add(new Index(table, index[0], index[1] == "1", string.Join(",", cols.Select(c => c[0]))));
            }
        }
        return (columns, indexes);
    }

    private static async Task<(List<Column>, List<Index>)> ReadPostgres(DbConnection connection, bool latest = true)
    {
        var tables = await Rows(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'");
        if (latest) Assert.Equal(Tables.Order(), tables.Select(t => t[0]).Order());
        var columns = (await Rows(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN '0' ELSE '1' END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE '__EFMigrations%'
            """)).Select(r => new Column(r[0], r[1], r[2], r[3] == "1")).ToList();
        var indexes = (await Rows(connection, """
            SELECT t.relname, i.relname, CASE WHEN x.indisunique THEN '1' ELSE '0' END,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname NOT LIKE '__EFMigrations%'
            """)).Select(r => new Index(r[0], r[1], r[2] == "1", r[3])).ToList();
        return (columns, indexes);
    }

    private static async Task<List<string[]>> Rows(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToList().ToArray());
        return rows;
    }

    private static async Task<string> Scalar(DbConnection connection, string sql) => (await Rows(connection, sql))[0][0];
}
