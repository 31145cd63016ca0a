using Microsoft.EntityFrameworkCore;
using Referrals.Api.Domain;

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
            var changes = new ChangesToSave(Tracked<Referral>(EntityState.Added), Tracked<Referral>(EntityState.Modified),
                Tracked<FeedbackEvent>(EntityState.Added));
            if (!changes.TouchReferrals)
            {
                // An audit entry of a read takes its turn too: outside the queue it would meet the lock a shared commit holds
                // and sleep in SQLite's busy retries while the queue moved on without it.
                return db.Database.CurrentTransaction is null && db.Database.IsSqlite()
                    ? await commitGroups.SaveAsync(db, db.WriteRowsAsync, cancellationToken)
                    : await db.WriteRowsAsync(cancellationToken);
            }
            var taken = steps.ToList();
            foreach (var step in taken) step.Prepare(changes);
            Task<int> WriteAsync(CancellationToken cancellation) => WriteWithStepsAsync(taken, changes, cancellation);
            if (db.Database.CurrentTransaction is null && db.Database.IsSqlite())
                return await commitGroups.SaveAsync(db, WriteAsync, cancellationToken);
            return await db.InTransactionAsync(WriteAsync, cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> WriteWithStepsAsync(IReadOnlyList<ISaveStep> taken, ChangesToSave changes, CancellationToken cancellationToken)
    {
        foreach (var step in taken) await step.BeforeWritingAsync(db, changes, cancellationToken);
        // What was added since needs no looking for; a changed referral's facts were altered in place.
        if (changes.Changed.Count > 0) db.ChangeTracker.DetectChanges();
        var saved = await db.WriteRowsAsync(cancellationToken);
        foreach (var step in taken) await step.AfterWritingAsync(db, cancellationToken);
        return saved;
    }

    private List<T> Tracked<T>(EntityState state) where T : class =>
        db.ChangeTracker.Entries<T>().Where(e => e.State == state).Select(e => e.Entity).ToList();
}
