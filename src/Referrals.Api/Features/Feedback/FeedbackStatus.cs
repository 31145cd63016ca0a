using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// For the First Contact Team: whether the referring agency has heard. Per child, when the outcome
/// became ready and when the agency read it; per event, each notice's delivery, failure or wait.
/// </summary>
public static class FeedbackStatus
{
    public sealed record Query(Guid Id) : IRequest<Status>;

    /// <param name="OutcomeReadyAt">When every child's decision was final and the outcome could be read.</param>
    /// <param name="OutcomeRead">The referring agency's first read of the outcome; null while unread.</param>
    public sealed record Status(Guid ReferralId, string Reference, ReferralStatus ReferralStatus, DateTimeOffset? OutcomeReadyAt,
        OutcomeRead? OutcomeRead, IReadOnlyList<ChildFeedback> Children, IReadOnlyList<EventNotices> Events);

    public sealed record OutcomeRead(DateTimeOffset At, string By);

    /// <param name="DecisionFinalAt">When this child's decision became final (made, or signed off where required).</param>
    public sealed record ChildFeedback(Guid ChildId, string FirstName, string LastName, DecisionOutcome? Outcome,
        DateTimeOffset? DecisionFinalAt, DateTimeOffset? OutcomeReadyAt, DateTimeOffset? ReadAt);

    public sealed record EventNotices(Guid Id, FeedbackEventType Type, long Sequence, DateTimeOffset OccurredAt, IReadOnlyList<Notice> Notices);

    /// <param name="SubscriptionId">For a webhook notice: the subscription it went to.</param>
    /// <param name="Recipient">For an e-mail notice: the referrer's address.</param>
    /// <param name="NextAttemptAt">While pending: when it will be tried (again).</param>
    public sealed record Notice(FeedbackChannel Channel, Guid? SubscriptionId, string? Recipient, DeliveryStatus Status, int Attempts,
        DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt, string? LastError);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit) : IRequestHandler<Query, Status>
    {
        public async Task<Status> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().WithDecisions()
                .VisibleTo(user).SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            var events = await db.FeedbackEvents.AsNoTracking().Where(e => e.ReferralId == referral.Id)
                .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            var notices = await db.FeedbackDeliveries.AsNoTracking().Where(d => d.ReferralId == referral.Id)
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Channel).ToListAsync(cancellationToken);
            audit.Record(AuditActions.FeedbackStatusRead, referral.Id);
            await save.SaveAsync(cancellationToken);

            var children = referral.Contacts.OrderBy(c => c.Position).Select(child =>
            {
                var decision = referral.CurrentDecision(child.Id);
                var finalAt = decision?.State == DecisionState.Final ? decision.SignedOffAt ?? decision.DecidedAt : (DateTimeOffset?)null;
                return new ChildFeedback(child.Id, child.FirstName, child.LastName, decision?.Outcome, finalAt, referral.OutcomeReadyAt, referral.OutcomeReadAt);
            }).ToList();
            return new Status(referral.Id, referral.Reference, referral.Status, referral.OutcomeReadyAt,
                referral.OutcomeReadAt is { } readAt ? new OutcomeRead(readAt, referral.OutcomeReadByName ?? "") : null,
                children,
                events.Select(e => new EventNotices(e.Id, e.Type, e.Sequence, e.OccurredAt, notices.Where(n => n.EventId == e.Id)
                    .Select(n => new Notice(n.Channel, n.SubscriptionId, n.Recipient, n.Status, n.Attempts, n.LastAttemptAt,
                        n.Status == DeliveryStatus.Pending ? n.NextAttemptAt : null, n.DeliveredAt, n.FailedAt, n.LastError)).ToList())).ToList());
        }
    }
}
