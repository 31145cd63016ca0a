using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>
/// Links a referral to another about the same child as its duplicate: the duplicate closes without
/// a decision of its own, and its agency hears the other's outcome for the same children. Refused unless every child
/// it names is on the other, so a mistyped id cannot close a child's referral and no child is left undecided.
/// </summary>
public static class LinkDuplicate
{
    /// <param name="DuplicateOf">The referral that carries on (and gets the decision).</param>
    public sealed record Body(Guid? DuplicateOf, string? Reason);

    public sealed record Command(Guid Id, int ExpectedVersion, Guid? DuplicateOf, string? Reason) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DuplicateOf).NotNull().NotEqual(Guid.Empty).WithMessage("Give the id of the referral this one duplicates.")
                .NotEqual(c => c.Id).WithMessage("A referral cannot duplicate itself.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why it is a duplicate.").MaximumLength(FieldLimits.Reason);
        }
    }

    public sealed class Handler(ReferralChanges work, ReferralsDbContext db) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.Linked, async referral =>
            {
                var original = await db.Referrals.AsNoTracking().Include(r => r.Contacts).SingleOrDefaultAsync(r => r.Id == command.DuplicateOf, cancellationToken);
                var problem = original switch
                {
                    null => "There is no referral with this id.",
                    { Status: ReferralStatus.Withdrawn or ReferralStatus.Linked } => "That referral is itself withdrawn or a duplicate; link to the one that carries on.",
                    _ when referral.ChildrenOn(original) is null =>
                        "That referral does not name every child this one does (by NHS number, or by name and date of birth): " +
                        "decide this one instead, so that no child is left without a decision.",
                    _ => null,
                };
                if (problem is not null)
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure("duplicateOf", problem)]);
                referral.LinkAsDuplicateOf(original!, command.Reason!.Trim(), work.Me, work.Now);
            }, cancellationToken);
        }
    }
}

/// <summary>Closes a referral whose outcome is ready: the front door's work on it is done.</summary>
public static class CloseReferral
{
    public sealed record Body(string? Note);

    public sealed record Command(Guid Id, int ExpectedVersion, string? Note) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(FieldLimits.Reason);
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.Closed,
                referral => referral.Close(string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), work.Me, work.Now), cancellationToken);
        }
    }
}
