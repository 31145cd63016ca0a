using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;

namespace Referrals.Api.Features.Drafts;

/// <summary>Its author deletes a draft they will not send, and every document attached to it with it.</summary>
public static class DeleteDraft
{
    public sealed record Command(Guid Id, int? Version) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var draft = await db.OwnDraftAsync(command.Id, user, clock.GetUtcNow(), cancellationToken);
            Preconditions.Matches(draft.Version, command.Version);
            db.Drafts.Remove(draft);
            audit.RecordAbout(AuditActions.DraftDeleted, draft.Id);
            await db.InTransactionAsync(async cancellation =>
            {
                await AttachmentStore.DeleteForDraftsAsync(db, [draft.Id], cancellation);
                await save.SaveAsync(cancellation);
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
