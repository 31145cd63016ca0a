using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
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
    public sealed record Body([property: Required] Guid? DuplicateOf, [property: Required] string? Reason);

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
                var original = await db.Referrals.AsNoTracking().Include(r => r.Contacts)
                    .SingleOrDefaultAsync(r => r.Id == command.DuplicateOf, cancellationToken)
                    ?? throw DuplicateOf("There is no referral with this id.");
                try
                {
                    referral.LinkAsDuplicateOf(original, command.Reason!.Trim(), work.Me, work.Now);
                }
                catch (DuplicateRefusedException refused)
                {
                    throw DuplicateOf(refused.Message);
                }
            }, cancellationToken);
        }
    }

    private static ValidationException DuplicateOf(string problem) =>
        new([new FluentValidation.Results.ValidationFailure("duplicateOf", problem)]);
}
