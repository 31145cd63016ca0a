using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data;

/// <summary>
/// Inserts many rows with multi-row INSERT statements, for the synthetic history generator and the figures'
/// children rows. The columns, value conversions and parameter types come from the EF Core model, so the rows
/// are exactly what SaveChanges would write, on either engine, at a fraction of its cost.
/// </summary>
public static class BulkInsert
{
    private const int MaxParameters = 30_000;

    /// <param name="skipExisting">Leave out rows whose key is already there (ON CONFLICT DO NOTHING, understood by both engines).</param>
    public static async Task WriteAsync<T>(ReferralsDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken,
        bool skipExisting = false) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var head = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))}) VALUES ";
        // SQLite binds parameters by name with a linear search, so many-row statements cost the square of
        // their size there: one row a statement, on a reused command, is fastest. PostgreSQL takes many rows at once.
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Min(500, MaxParameters / properties.Count);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var converters = mappings.Select(m => m.Converter).ToList();
        var commands = new Dictionary<int, DbCommand>();
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                if (!commands.TryGetValue(chunk.Length, out var command))
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(r =>
                        "(" + string.Join(", ", Enumerable.Range(0, properties.Count).Select(c => $"@p{r}_{c}")) + ")"))
                        + (skipExisting ? " ON CONFLICT DO NOTHING" : "");
                    // Parameters made once by the model's type mappings (so each is typed as SaveChanges types it); only values change.
                    for (var r = 0; r < chunk.Length; r++)
                        for (var c = 0; c < properties.Count; c++)
                            command.Parameters.Add(mappings[c].CreateParameter(command, $"@p{r}_{c}", null, properties[c].IsNullable));
                    command.Prepare();
                    commands[chunk.Length] = command;
                }
                for (var r = 0; r < chunk.Length; r++)
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var value = getters[c].GetClrValue(chunk[r]);
                        if (value is not null && converters[c] is { } converter) value = converter.ConvertToProvider(value);
                        command.Parameters[r * properties.Count + c].Value = value ?? DBNull.Value;
                    }
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            foreach (var command in commands.Values) await command.DisposeAsync();
        }
    }
}
