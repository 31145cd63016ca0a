using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>The referrer's agency withdraws its referral, with a reason, before triage starts.</summary>
public static class WithdrawReferral
{
    /// <param name="ExpectedVersion">From If-Match: the version the caller last read; a stale one is refused (412).</param>
    public sealed record Command(Guid Id, string? Reason, int? ExpectedVersion) : IRequest<GetReferral.ReferralDetail>;

    public sealed record Body([property: Required] string? Reason);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Id).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the referral is withdrawn.").MaximumLength(FieldLimits.Reason)
                .OverridePropertyName("reason");
        }
    }

    public sealed class Handler(ReferralChanges changes, ReferralsDbContext db) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken) =>
            changes.Change(command.Id, command.ExpectedVersion, AuditActions.Withdrawn, async referral =>
            {
                // A duplicate joined with this referral rests on it for its child's decision: withdrawing would lose that concern.
                if (await db.Referrals.AnyAsync(r => r.LinkedToReferralId == referral.Id, cancellationToken))
                    throw new TriageRuleException("Another referral about the same child was joined with this one, which now carries " +
                        "that concern too: it can no longer be withdrawn. Tell the First Contact Team what has changed.");
                referral.Withdraw(command.Reason!.Trim(), changes.Me, changes.Now);
            }, cancellationToken);
    }
}
