using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Data.Saving;

/// <summary>
/// How a handler saves: the tracked changes and everything that must commit with them, in one transaction. A change to
/// a referral also writes its contact facts and figures, its feedback events with their notices (the outbox), and a new
/// referral's reference number, through the save steps Program.cs registers; on SQLite, saves that arrive while one is
/// written share its commit (SqliteCommitGroups). The DbContext refuses referral changes saved any other way.
/// </summary>
public sealed class UnitOfWork(ReferralsDbContext db, IEnumerable<ISaveStep> steps, SqliteCommitGroups commitGroups)
{
    public async Task<int> SaveAsync(CancellationToken cancellationToken)
    {
        // Changes are looked for once, here, not by every look at the tracker below and again by EF Core inside the transaction.
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        if (detect) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var changes = ChangesToSave.In(db);
            if (!changes.TouchReferrals)
                return SharesACommit
                    ? await commitGroups.SaveAsync(db, db.WriteRowsAsync, cancellationToken)
                    : await db.WriteRowsAsync(cancellationToken);
            var taken = steps.ToList();
            foreach (var step in taken) step.Prepare(changes);
            Task<int> WriteAsync(CancellationToken cancellation) => WriteWithStepsAsync(taken, changes, cancellation);
            return SharesACommit
                ? await commitGroups.SaveAsync(db, WriteAsync, cancellationToken)
                : await db.InTransactionAsync(WriteAsync, cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// On SQLite, a save not already in a transaction takes its turn in the commit groups, an audit entry of a read too:
    /// outside the queue it would meet the lock a shared commit holds and sleep in SQLite's busy retries.
    /// </summary>
    private bool SharesACommit => db.Database.CurrentTransaction is null && db.Database.IsSqlite();

    private async Task<int> WriteWithStepsAsync(IReadOnlyList<ISaveStep> taken, ChangesToSave changes, CancellationToken cancellationToken)
    {
        foreach (var step in taken) await step.BeforeWritingAsync(db, changes, cancellationToken);
        // What was added since needs no looking for; a changed referral's facts were altered in place.
        if (changes.Changed.Count > 0) db.ChangeTracker.DetectChanges();
        var saved = await db.WriteRowsAsync(cancellationToken);
        foreach (var step in taken) await step.AfterWritingAsync(db, cancellationToken);
        return saved;
    }
}
