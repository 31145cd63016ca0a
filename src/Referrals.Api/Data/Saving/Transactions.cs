namespace Referrals.Api.Data.Saving;

/// <summary>
/// The one way the service begins a transaction. On SQLite its BEGIN waits its turn at the write gate (SqliteWriteGate, an
/// interceptor), so every writer queues in one place instead of sleeping in SQLite's busy retries.
/// </summary>
public static class Transactions
{
    /// <summary>Runs the work in a transaction of its own and commits it; inside one already begun, runs it there.</summary>
    public static async Task<T> InTransactionAsync<T>(this ReferralsDbContext db, Func<CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await work(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task InTransactionAsync(this ReferralsDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async cancellation =>
        {
            await work(cancellation);
            return true;
        }, cancellationToken);
}
