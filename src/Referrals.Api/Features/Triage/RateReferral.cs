using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>Rates the referral red, amber or green with a reason; a new rating replaces the current one and the old stays in the history.</summary>
public static class RateReferral
{
    public sealed record Body([property: Required] RagRating? Rating, [property: Required] string? Reason);

    public sealed record Command(Guid Id, int ExpectedVersion, RagRating? Rating, string? Reason) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating).NotNull().WithMessage("Rate it red, amber or green.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why it has this rating.").MaximumLength(FieldLimits.Reason);
        }
    }

    public sealed class Handler(ReferralChanges work, RagTargets targets) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var rating = command.Rating!.Value;
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.RagRated,
                referral => referral.RateRag(rating, command.Reason!.Trim(), work.Me, work.Now, work.Now + targets.For(rating)), cancellationToken);
        }
    }
}
