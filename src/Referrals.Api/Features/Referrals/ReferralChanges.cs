using Referrals.Api.Features.Audit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>What every change to a referral (a triage step, a withdrawal) does around its own step.</summary>
[Seam]
public sealed class ReferralChanges(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, ReferralDetails details, TimeProvider clock)
{
    public Actor Me => user.Actor;
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Loads the whole referral the caller may see, refuses it if it changed since the caller read
    /// it (412), takes the step, then audits and commits in one transaction and answers with the
    /// referral as it now stands. The version check in the UPDATE refuses a change that lost a race
    /// with another based on the same version.
    /// </summary>
    public async Task<GetReferral.ReferralDetail> Change(Guid id, int? expectedVersion, string auditAction, Func<Referral, Task> step, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.WithEverything().VisibleTo(user).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("The referral");
        Preconditions.Matches(referral.Version, expectedVersion);
        var before = referral.Status;
        try
        {
            await step(referral);
        }
        catch (Exception refused) when (refused is ReferralStateException or TriageRuleException)
        {
            // The referral and its collections are read by separate queries; if another change committed
            // between them, the refusal is about a version the caller never saw: say it changed instead.
            var current = await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => r.Version).SingleAsync(cancellationToken);
            Preconditions.Matches(current, expectedVersion);
            throw;
        }
        if (referral.Status == ReferralStatus.OutcomeReady && before != ReferralStatus.OutcomeReady)
        {
            // Referrals joined with this one as duplicates: their agencies hear the outcome in the same transaction.
            foreach (var duplicate in await db.Referrals.Where(r => r.LinkedToReferralId == referral.Id && r.Status == ReferralStatus.Linked)
                         .ToListAsync(cancellationToken))
                duplicate.HearOutcomeOf(referral, Now);
        }
        audit.Record(auditAction, referral.Id);
        await save.SaveAsync(cancellationToken);
        return await details.For(referral, cancellationToken);
    }

    public Task<GetReferral.ReferralDetail> Change(Guid id, int? expectedVersion, string auditAction, Action<Referral> step, CancellationToken cancellationToken) =>
        Change(id, expectedVersion, auditAction, referral => { step(referral); return Task.CompletedTask; }, cancellationToken);

    public static void RequireChild(Referral referral, Guid childId)
    {
        if (referral.Contacts.All(c => c.Id != childId)) throw new NotFoundException("The child on this referral");
    }
}
