using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Triage;

/// <summary>
/// What every triage change does around its own step: load the whole referral the caller may see,
/// refuse it if it changed since the caller read it, then audit and commit the change in one
/// transaction and answer with the referral as it now stands.
/// </summary>
public sealed class TriageWork(ReferralsDbContext db, CurrentUser user, AuditTrail audit, ReferralDetails details, TimeProvider clock)
{
    public Actor Me => user.Actor;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Referral> Load(Guid id, int expectedVersion, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.WithEverything().VisibleTo(user).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("The referral");
        Preconditions.Matches(referral.Version, expectedVersion);
        return referral;
    }

    /// <summary>The version check in the UPDATE refuses (412) a change that lost a race with another based on the same version.</summary>
    public async Task<GetReferral.ReferralDetail> Save(Referral referral, string auditAction, CancellationToken cancellationToken)
    {
        audit.Record(auditAction, referral.Id);
        await db.SaveChangesAsync(cancellationToken);
        return await details.For(referral, cancellationToken);
    }
}

/// <summary>The triage steps' shared rules about who may act.</summary>
public static class TriageRules
{
    public static RefusedException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "Your role does not allow this.", detail);
}
