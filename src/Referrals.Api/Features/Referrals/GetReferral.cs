using Referrals.Api.Features.Audit;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// One referral. A referrer sees only its own agency's (another agency's answers 404, as if it did
/// not exist) and never the triage: rationale, checks, RAG, history or earlier referrals.
/// </summary>
[Seam]
public static class GetReferral
{
    public sealed record Query(Guid Id) : IRequest<ReferralDetail>;

    /// <param name="InformationRequests">Questions the First Contact Team asked the referrer, and the answers.</param>
    /// <param name="Triage">The First Contact Team's work on the referral; present for practitioners and managers only.</param>
    /// <param name="AboutABaby">About an unborn baby or a baby under one at receipt: first in its RAG band in the queue.</param>
    /// <param name="ConsentToBeSought">An early help request made without the family's consent: the team seeks it, or decides without it.</param>
    public sealed record ReferralDetail(
        Guid Id, string Reference, ReferralStatus Status, AgencySummary Agency, Channel Channel,
        DateTimeOffset ReceivedAt, DateTimeOffset DecisionDueAt, string ReferrerName, string SubmittedBy, string SubmittedByRole,
        [property: System.Text.Json.Serialization.JsonConverter(typeof(LevelOfNeedOrNotKnown))] int? LevelOfNeed, RiskLevel Risk,
        bool AnyChildNotSafeNow, bool ConsentToBeSought, bool AboutABaby, IReadOnlyList<ContactSummary> Contacts,
        QualityRubric.Assessment Quality, Withdrawal? Withdrawal, IReadOnlyList<InformationRequestView> InformationRequests,
        TriageView? Triage, int Version, IReadOnlyList<Attachments.AttachmentSummary> Attachments);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, ReferralDetails details, AuditTrail audit)
        : IRequestHandler<Query, ReferralDetail>
    {
        public async Task<ReferralDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().WithEverything().VisibleTo(user)
                .SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            audit.Record(AuditActions.Read, referral.Id);
            await save.SaveAsync(cancellationToken);
            return await details.For(referral, cancellationToken);
        }
    }
}
