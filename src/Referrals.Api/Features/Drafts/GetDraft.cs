using FluentValidation;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Drafts;

/// <summary>Its author reads a draft to carry on with it: what is written, what it would score, and what it still needs.</summary>
public static class GetDraft
{
    public sealed record Query(Guid Id) : IRequest<DraftDetail>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(
        ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock, DraftViews views,
        ReferralFormValidator submission) : IRequestHandler<Query, DraftDetail>
    {
        public async Task<DraftDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var draft = await db.OwnDraftAsync(query.Id, user, clock.GetUtcNow(), cancellationToken);
            audit.RecordAbout(AuditActions.DraftRead, draft.Id);
            await save.SaveAsync(cancellationToken);
            return await views.DetailAsync(draft, submission, cancellationToken);
        }
    }
}
