using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data;

/// <summary>
/// SQLite lets one connection write at a time, and a connection that finds the file locked sleeps and retries:
/// under sixteen concurrent submissions most of the time went in sleeping (30 submissions a second, p99 2.4 s;
/// bench/load). Writers in this process queue here instead: a transaction (BEGIN IMMEDIATE, so it holds the lock
/// from the start) waits for the gate before it begins and holds it until it commits, rolls back or fails, or at
/// the latest until its DbContext is disposed, so no exception or cancelled request can leave the gate held.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor
{
    /// <summary>How long a write may wait for its turn, in all, before it is answered 503 (nothing stored; try again).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_gate.Wait(Patience)) throw Busy();
        Hold(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        Hold(eventData.Context);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the gate (refused as busy after 30 s). A context's transaction is let go as it ends; a writer that holds
    /// the gate itself (SqliteCommitGroups) lets it go with Exit.
    /// </summary>
    public async Task EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(Patience, cancellationToken)) throw Busy();
    }

    public void Exit() => _gate.Release();

    /// <summary>Called as a context is disposed (after its open transaction, if any, is rolled back).</summary>
    public void Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context)) _gate.Release();
    }

    private void Hold(DbContext? context)
    {
        // Without a context there is nothing to release it by: let it go at once rather than hold it forever.
        if (context is null) _gate.Release();
        else _holders.AddOrUpdate(context, this);
    }

    // SQLITE_BUSY: answered 503 with Retry-After, like any database briefly unable to answer.
    public static SqliteException Busy() => new("Timed out waiting to write to the database.", 5);
}
