using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;

namespace Referrals.Api.Features.Referrals;

/// <summary>The referrer's agency withdraws its referral, with a reason, before triage starts.</summary>
public static class WithdrawReferral
{
    /// <param name="ExpectedVersion">From If-Match: the version the caller last read; a stale one is refused (412).</param>
    public sealed record Command(Guid Id, string? Reason, int? ExpectedVersion) : IRequest<GetReferral.ReferralDetail>;

    public sealed record Body(string? Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the referral is withdrawn.").MaximumLength(FieldLimits.Reason)
                .OverridePropertyName("reason");
        }
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, AgencyDirectory agencies, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.Include(r => r.Contacts).VisibleTo(user)
                .SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            if (command.ExpectedVersion is { } expected && expected != referral.Version)
                throw new RefusedException(StatusCodes.Status412PreconditionFailed, "The referral has changed since you read it.",
                    "Read the referral again (its ETag has changed) and decide whether to withdraw it.");
            referral.Withdraw(command.Reason!.Trim(), user.Actor, clock.GetUtcNow());
            audit.Record(AuditActions.Withdrawn, referral.Id);
            await db.SaveChangesAsync(cancellationToken);
            return GetReferral.Detail(referral, agencies);
        }
    }
}
