using Referrals.Api.Features.Audit;

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

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, ReferralDetails details, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.WithEverything().VisibleTo(user)
                .SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            Preconditions.Matches(referral.Version, command.ExpectedVersion);
            referral.Withdraw(command.Reason!.Trim(), user.Actor, clock.GetUtcNow());
            audit.Record(AuditActions.Withdrawn, referral.Id);
            await db.SaveChangesAsync(cancellationToken);
            return await details.For(referral, cancellationToken);
        }
    }
}
