using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// A fingerprint of everything the database holds: per table, its row count and an order-independent sum of
/// row hashes, worked out inside the engine so taking one after every request stays cheap. Two equal
/// fingerprints mean no row was added, removed or changed in any table (bar a hash collision).
/// </summary>
public sealed class DatabaseFingerprint : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private string _sql = "";

    private DatabaseFingerprint(DbConnection connection) => _connection = connection;

    public static async Task<DatabaseFingerprint> OpenAsync(ReferralsApp app)
    {
        DbConnection connection = app.Engine == Engine.Sqlite
            ? new SqliteConnection(app.ConnectionString + ";Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var fingerprint = new DatabaseFingerprint(connection);
        if (connection is SqliteConnection sqlite)
            // string's own hash: stable within this process, which is all two fingerprints are compared in.
            sqlite.CreateFunction("row_hash", (string? row) => (long)(uint)(row ?? "").GetHashCode(), isDeterministic: true);
        await fingerprint.PrepareAsync(app.Engine);
        return fingerprint;
    }

    private async Task PrepareAsync(Engine engine)
    {
        var tables = await ReadAsync(engine == Engine.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
        var lines = new List<string>();
        foreach (var table in tables)
        {
            if (engine == Engine.Postgres)
            {
                // numeric sum: a sum of 64-bit hashes would overflow bigint.
                lines.Add($"""'{table} ' || (SELECT count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text FROM "{table}" t)""");
                continue;
            }
            var columns = await ReadAsync($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
            var row = string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"));
            // total() sums as a double, exact for these 32-bit hashes over far more rows than a test writes.
            lines.Add($"""'{table} ' || (SELECT count(*) || ':' || total(row_hash({row})) FROM "{table}")""");
        }
        if (lines.Count == 0) throw new InvalidOperationException("No tables found to fingerprint.");
        // One statement, one round trip, one consistent read of every table.
        _sql = "SELECT " + string.Join($" || {(engine == Engine.Sqlite ? "char(10)" : "chr(10)")} || ", lines);
    }

    /// <summary>One line per table: "name count:hashsum".</summary>
    public async Task<string> TakeAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = _sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tables whose line differs between two fingerprints.</summary>
    public static IEnumerable<string> Changed(string before, string after) =>
        before.Split('\n').Zip(after.Split('\n')).Where(p => p.First != p.Second).Select(p => p.First.Split(' ')[0]);

    private async Task<List<string>> ReadAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
