using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;

namespace Referrals.Api.Features.Attachments;

/// <summary>The draft's author takes a document off it before submitting. Once submitted, a referral's documents stay as sent.</summary>
public static class RemoveAttachment
{
    public sealed record Command(Guid DraftId, Guid AttachmentId) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DraftId).NotEmpty();
            RuleFor(c => c.AttachmentId).NotEmpty();
        }
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var draft = await db.OwnDraftAsync(command.DraftId, user, clock.GetUtcNow(), cancellationToken);
            var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AttachmentId && a.DraftId == draft.Id, cancellationToken)
                ?? throw new NotFoundException("The attachment");
            audit.RecordAbout(AuditActions.AttachmentRemoved, attachment.Id);
            await db.InTransactionAsync(async cancellation =>
            {
                await AttachmentStore.DeleteAsync(db, [attachment.Id], cancellation);
                await save.SaveAsync(cancellation);
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
