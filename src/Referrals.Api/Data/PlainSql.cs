using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data;

/// <summary>
/// Plain ADO.NET on the context's connection and transaction, for the few statements on the hot paths: the counters
/// and totals every write transaction updates, and the report's two big reads. EF Core runs its raw-SQL queries
/// through its LINQ pipeline on every call, which on SQLite is paid while every other writer waits (bench/load).
/// Portable SQL only (double-quoted names, named parameters such as @year); instants as UTC DateTime, as the
/// model's converter stores them.
/// </summary>
public static class PlainSql
{
    /// <summary>Each row the statement gives back, as the reader positioned on it.</summary>
    public static async IAsyncEnumerable<DbDataReader> QueryAsync(ReferralsDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) yield return reader;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The first column of the one row a statement such as INSERT … RETURNING gives back.</summary>
    public static async Task<T> SingleAsync<T>(ReferralsDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        T? value = default;
        var rows = 0;
        await foreach (var reader in QueryAsync(db, sql, parameters, cancellationToken))
        {
            value = reader.GetFieldValue<T>(0);
            rows++;
        }
        return rows == 1 ? value! : throw new InvalidOperationException($"Expected one row, got {rows}.");
    }

    public static async Task ExecuteAsync(ReferralsDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db, sql, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(ReferralsDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
