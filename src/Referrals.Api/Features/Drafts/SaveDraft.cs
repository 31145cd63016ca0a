using FluentValidation;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Drafts;

/// <summary>
/// Saves the draft as it now stands, replacing what was saved before. Only values that are wrong are refused (a
/// date of birth in the future, an NHS number that fails its check); what is missing is what a draft is for.
/// </summary>
public static class SaveDraft
{
    public sealed record Command(Guid Id, ReferralForm Form, int Version) : IRequest<DraftDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferralFormValidator.PerSubmitter forms, CurrentUser user)
        {
            RuleFor(c => c.Id).NotEmpty();
            RuleFor(c => c.Form).ReportedAs(forms.For(user, draft: true), prefix: "");
        }
    }

    public sealed class Handler(
        ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock, DraftOptions options,
        DraftViews views, ReferralFormValidator submission) : IRequestHandler<Command, DraftDetail>
    {
        public async Task<DraftDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var draft = await db.OwnDraftAsync(command.Id, user, now, cancellationToken);
            Preconditions.Matches(draft.Version, command.Version);
            draft.Save(command.Form, now, options);
            audit.RecordAbout(AuditActions.DraftSaved, draft.Id);
            await save.SaveAsync(cancellationToken);
            return await views.DetailAsync(draft, submission, cancellationToken);
        }
    }
}
