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

/// <summary>A referrer starts a referral and keeps it as a draft, with whatever they have written so far (perhaps nothing).</summary>
public static class StartDraft
{
    public sealed record Command(ReferralForm Form) : IRequest<DraftDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferralFormValidator.PerSubmitter forms, CurrentUser user) =>
            RuleFor(c => c.Form).ReportedAs(forms.For(user, draft: true), prefix: "");
    }

    public sealed class Handler(
        ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock, DraftOptions options,
        DraftViews views, ReferralFormValidator submission) : IRequestHandler<Command, DraftDetail>
    {
        public async Task<DraftDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var draft = new Draft { Id = Guid.CreateVersion7(), OwnerId = user.Id, AgencyCode = user.AgencyCode, StartedAt = now, Version = 0 };
            draft.Save(command.Form, now, options);
            db.Drafts.Add(draft);
            audit.RecordAbout(AuditActions.DraftStarted, draft.Id);
            await save.SaveAsync(cancellationToken);
            return await views.DetailAsync(draft, submission, cancellationToken);
        }
    }
}
