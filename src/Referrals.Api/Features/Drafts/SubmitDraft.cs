using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.ReferenceData;

namespace Referrals.Api.Features.Drafts;

/// <summary>
/// Its author submits a draft: the same submission as the form sent whole (SubmitReferral: the same checks, score,
/// reference and timescales), with the draft deleted and its documents made the referral's in the same transaction.
/// The draft's id is the submission's idempotency key, so a retry after a lost answer gets the same referral back.
/// </summary>
public static class SubmitDraft
{
    public sealed record Command(Guid Id, int Version) : IRequest<SubmitReferral.Result>;

    public static string IdempotencyKey(Guid draftId) => $"draft:{draftId}";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, TimeProvider clock, AgencyDirectory agencies, IMediator mediator)
        : IRequestHandler<Command, SubmitReferral.Result>
    {
        public async Task<SubmitReferral.Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Id == command.Id && d.OwnerId == user.Id && d.ExpiresAt > now, cancellationToken);
            if (draft is null)
                return await SubmitReferral.Handler.ReplayAsync(db, agencies, user.Id, IdempotencyKey(command.Id), null, cancellationToken)
                    ?? throw new NotFoundException("The draft");
            Preconditions.Matches(draft.Version, command.Version);
            return await mediator.Send(new SubmitReferral.Command(draft.Form, IdempotencyKey(draft.Id), draft.Id), cancellationToken);
        }
    }
}
