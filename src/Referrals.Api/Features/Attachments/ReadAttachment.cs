using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Attachments;

/// <summary>
/// Opens a document: a draft's, for its author; a referral's, for the referring agency and the First Contact Team
/// (whoever may read the referral, which leaves out the performance group and auditors). Each opening is audited
/// before a byte is sent; the bytes are then streamed from the database (AttachmentStore).
/// </summary>
public static class ReadAttachment
{
    /// <param name="DraftId">The draft it is on, or null for a submitted referral's.</param>
    public sealed record Query(Guid? DraftId, Guid? ReferralId, Guid AttachmentId) : IRequest<Attachment>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.AttachmentId).NotEmpty();
            RuleFor(q => q).Must(q => (q.DraftId is null) != (q.ReferralId is null)).OverridePropertyName("id")
                .WithMessage("Name either the draft or the referral the document is on.");
        }
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Query, Attachment>
    {
        public async Task<Attachment> Handle(Query query, CancellationToken cancellationToken)
        {
            Attachment? attachment;
            if (query.DraftId is { } draftId)
            {
                var draft = await db.OwnDraftAsync(draftId, user, clock.GetUtcNow(), cancellationToken);
                attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.DraftId == draft.Id, cancellationToken);
            }
            else
            {
                var visible = await db.Referrals.AsNoTracking().VisibleTo(user).AnyAsync(r => r.Id == query.ReferralId, cancellationToken);
                attachment = visible
                    ? await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.ReferralId == query.ReferralId, cancellationToken)
                    : null;
            }
            if (attachment is null) throw new NotFoundException("The attachment");
            audit.RecordAbout(AuditActions.AttachmentRead, attachment.Id, attachment.ReferralId);
            await save.SaveAsync(cancellationToken);
            return attachment;
        }
    }
}
