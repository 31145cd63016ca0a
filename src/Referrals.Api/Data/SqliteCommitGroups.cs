using Referrals.Api.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Referrals.Api.Data;

/// <summary>
/// Group commit for SQLite. Its one writer makes every save wait for the one before to reach the disk: the synced
/// COMMIT was a third of the time a submission held the writer (bench/load). Saves that arrive while one is being
/// written therefore join it: each in turn does its work in the same transaction, inside a savepoint of its own (so
/// one that fails takes back only its own rows), and the last of them commits for all. No save returns until the
/// commit that holds its rows is on disk, and if that commit fails every save in it fails: nothing is ever answered
/// as stored that was not. A later save in a group sees the earlier ones' rows, as it would had they committed first.
/// </summary>
public sealed class SqliteCommitGroups(SqliteWriteGate writeGate, ServiceMetrics metrics)
{
    /// <summary>Enough to share a commit among everyone likely to be waiting; few enough to keep each one's wait short.</summary>
    private const int MaxMembers = 32;
    private const string Savepoint = "member";

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>How long a save may wait for its turn in all; a test shortens it.</summary>
    internal TimeSpan Patience { get; init; } = SqliteWriteGate.Patience;
    private int _waiting;
    private Group? _open;

    private sealed class Group(SqliteConnection connection, SqliteTransaction transaction)
    {
        public SqliteConnection Connection { get; } = connection;
        public SqliteTransaction Transaction { get; } = transaction;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Members { get; set; }
    }

    /// <summary>Saves waiting for their turn to write.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Runs the work in the open group's transaction (opening one if none is), then waits for that group's commit. The
    /// whole wait for a turn is bounded (SqliteWriteGate.Patience, then 503), and a save whose caller has gone is dropped
    /// before it starts.
    /// </summary>
    public async Task<T> SaveAsync<T>(ReferralsDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _waiting);
            // The save before may have left its group open for this one: if nobody else is coming, commit it now.
            await CommitIfAbandonedAsync();
            if (cancellationToken.IsCancellationRequested) throw;
            throw SqliteWriteGate.Busy();
        }
        Interlocked.Decrement(ref _waiting);
        Group group;
        T result = default!;
        Exception? failed = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            group = _open ??= await OpenAsync(db.Database.GetConnectionString()!, patience.Token);
        }
        catch (Exception e)
        {
            try
            {
                // The group this save would have joined still needs committing if nobody else is waiting.
                await CommitOpenIfNobodyWaitsAsync();
            }
            finally
            {
                _turn.Release();
            }
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested) throw SqliteWriteGate.Busy();
            throw;
        }
        try
        {
            result = await InSavepointAsync(db, group, work, cancellationToken);
        }
        catch (Exception e)
        {
            failed = e;
        }
        finally
        {
            try
            {
                group.Members++;
                if (Volatile.Read(ref _waiting) == 0 || group.Members >= MaxMembers || group.Committed.Task.IsCompleted)
                    await CommitAsync(TakeOpen(group));
            }
            finally
            {
                _turn.Release();
            }
        }
        // Even a save that failed waits: its caller may read what an earlier save in the group wrote (an idempotent replay).
        await group.Committed.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // If the group's commit failed, nothing of any member was stored, whatever each one met on the way: say so (503).
        if (group.Committed.Task.IsFaulted) throw new SqliteException("The shared commit failed: nothing of this save was stored.", 5);
        if (failed is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
        return result;
    }

    /// <summary>With the turn held: a group left open for saves that are no longer coming is committed now.</summary>
    private async Task CommitOpenIfNobodyWaitsAsync()
    {
        if (_open is { } open && Volatile.Read(ref _waiting) == 0) await CommitAsync(TakeOpen(open));
    }

    private Group TakeOpen(Group group)
    {
        if (_open == group) _open = null;
        return group;
    }

    /// <summary>After a save gave up waiting: commits a group left open for it, if no other save holds or wants the turn.</summary>
    private async Task CommitIfAbandonedAsync()
    {
        if (!_turn.Wait(0)) return; // the holder checks the waiting count itself when it finishes
        try
        {
            await CommitOpenIfNobodyWaitsAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<Group> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        await writeGate.EnterAsync(cancellationToken);
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = Database.SqlitePragmas;
                await pragmas.ExecuteNonQueryAsync();
            }
            return new Group(connection, (SqliteTransaction)await connection.BeginTransactionAsync());
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            writeGate.Exit();
            throw;
        }
    }

    private static async Task<T> InSavepointAsync<T>(ReferralsDbContext db, Group group, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // A group left failed by an earlier save (its savepoint could not be rolled back) takes no more work.
        if (group.Committed.Task.IsCompleted) await group.Committed.Task;
        var connectionString = db.Database.GetConnectionString();
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        await db.Database.CloseConnectionAsync();
        db.Database.SetDbConnection(group.Connection, contextOwnsConnection: false);
        // The save has a savepoint of its own, below: EF Core's would only nest inside it.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.Database.UseTransactionAsync(group.Transaction, cancellationToken);
            await group.Transaction.SaveAsync(Savepoint, CancellationToken.None);
            try
            {
                var result = await work(cancellationToken);
                await group.Transaction.ReleaseAsync(Savepoint, CancellationToken.None);
                return result;
            }
            catch
            {
                try
                {
                    await group.Transaction.RollbackAsync(Savepoint, CancellationToken.None);
                    await group.Transaction.ReleaseAsync(Savepoint, CancellationToken.None);
                }
                catch (Exception e)
                {
                    // The transaction cannot be trusted now: none of the group is committed.
                    group.Committed.TrySetException(e);
                }
                throw;
            }
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            db.Database.SetDbConnection(null);
            db.Database.SetConnectionString(connectionString);
            db.Database.AutoSavepointsEnabled = autoSavepoints;
        }
    }

    private async Task CommitAsync(Group group)
    {
        try
        {
            if (group.Committed.Task.IsCompleted) await group.Transaction.RollbackAsync();
            else
            {
                await group.Transaction.CommitAsync();
                group.Committed.TrySetResult();
                metrics.CommitGroup(group.Members);
            }
        }
        catch (Exception e)
        {
            group.Committed.TrySetException(e);
        }
        finally
        {
            // Let the gate go whatever disposing throws: a writer stuck behind it would wait for ever.
            try
            {
                await group.Transaction.DisposeAsync();
                await group.Connection.DisposeAsync();
            }
            finally
            {
                writeGate.Exit();
            }
        }
    }
}
