using Microsoft.EntityFrameworkCore;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Saving;

/// <summary>What one save holds: the referrals received and changed, and the events their changes raised.</summary>
public sealed record ChangesToSave(
    IReadOnlyList<Referral> Received, IReadOnlyList<Referral> Changed, IReadOnlyList<FeedbackEvent> Raised)
{
    public bool TouchReferrals => Received.Count > 0 || Changed.Count > 0 || Raised.Count > 0;

    /// <summary>
    /// What the context's tracker holds now: the one definition of a referral change, for saving it (UnitOfWork) and for
    /// refusing it anywhere else (ReferralsDbContext).
    /// </summary>
    public static ChangesToSave In(ReferralsDbContext db) => new(
        Tracked<Referral>(db, EntityState.Added), Tracked<Referral>(db, EntityState.Modified), Tracked<FeedbackEvent>(db, EntityState.Added));

    private static List<T> Tracked<T>(ReferralsDbContext db, EntityState state) where T : class =>
        db.ChangeTracker.Entries<T>().Where(e => e.State == state).Select(e => e.Entity).ToList();
}

/// <summary>
/// A step every save of referral changes takes, in the order Program.cs registers them (figures, outbox, numbering):
/// the unit of work runs each step's parts at their moment. A step is scoped, so it may keep what it worked out
/// for one save from one part to the next.
/// </summary>
public interface ISaveStep
{
    /// <summary>Before the transaction begins: work that needs no lock (on SQLite every other writer waits while one is open).</summary>
    void Prepare(ChangesToSave changes) { }

    /// <summary>In the transaction, before the changes' own rows are written.</summary>
    Task BeforeWritingAsync(ReferralsDbContext db, ChangesToSave changes, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>In the transaction, after the changes' rows: the last writes before the commit.</summary>
    Task AfterWritingAsync(ReferralsDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
