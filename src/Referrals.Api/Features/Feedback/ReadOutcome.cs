using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// What the referring agency is told: for each child the outcome in its own words, the feedback
/// written for it, and when the decision was made. Only the decision's final form (signed off
/// where the council requires), and never the rationale, checks, RAG, quality rating or history. A referral joined
/// with another as its duplicate has that one's outcome for the same children, once it is ready.
/// </summary>
public static class ReadOutcome
{
    public sealed record Query(Guid Id) : IRequest<Outcome>;

    public sealed record Outcome(Guid ReferralId, string Reference, DateTimeOffset ReceivedAt, DateTimeOffset OutcomeReadyAt,
        IReadOnlyList<ChildOutcome> Children);

    /// <param name="Description">The outcome in words a partner understands.</param>
    /// <param name="Feedback">What the First Contact Team wrote for the referrer.</param>
    /// <param name="OtherSupport">Where else the family can find support, when the outcome is below the threshold for a service.</param>
    public sealed record ChildOutcome(Guid ChildId, string FirstName, string LastName, DecisionOutcome Outcome, string Description,
        string Feedback, string? OtherSupport, DateTimeOffset DecidedAt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public const string JoinedFeedback = "Your referral was joined with another referral about the same child, received around the " +
        "same time. The First Contact Team decided on the two together; this is that decision.";

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, AuditTrail audit, TimeProvider clock) : IRequestHandler<Query, Outcome>
    {
        public async Task<Outcome> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().WithDecisions()
                .VisibleTo(user).SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            // A duplicate's outcome is the decision on the referral it was joined with, for the same children.
            var decidedOn = referral is { Status: ReferralStatus.Linked, LinkedToReferralId: { } originalId }
                ? await db.Referrals.AsNoTracking().WithDecisions().SingleAsync(r => r.Id == originalId, cancellationToken)
                : referral;
            var notYet = new ReferralStateException(referral.Status, "read for its outcome yet");
            if (decidedOn.Status is not (ReferralStatus.OutcomeReady or ReferralStatus.Closed) || decidedOn.OutcomeReadyAt is not { } readyAt)
                throw notYet;
            // Each child with the child its decision was made for: itself, or the same child on the other referral.
            var children = decidedOn == referral ? referral.Contacts.Select(c => (Child: c, On: c)).ToList()
                : referral.ChildrenOn(decidedOn) ?? throw notYet;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (user.IsReferrer)
            {
                // The first read by the referring agency; later reads leave it as it was.
                var now = clock.GetUtcNow();
                await db.Referrals.Where(r => r.Id == referral.Id && r.OutcomeReadAt == null).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.OutcomeReadAt, now).SetProperty(r => r.OutcomeReadByUserId, user.Id)
                    .SetProperty(r => r.OutcomeReadByName, user.Name), cancellationToken);
            }
            audit.Record(AuditActions.OutcomeRead, referral.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            return new Outcome(referral.Id, referral.Reference, referral.ReceivedAt, readyAt, children.OrderBy(c => c.Child.Position).Select(pair =>
            {
                var (child, on) = pair;
                var decision = decidedOn.CurrentDecision(on.Id)
                    ?? throw new InvalidOperationException("A referral with its outcome ready has a final decision for every child.");
                // The feedback was written for the other referrer, and may say who they are: a duplicate's referrer is told
                // how its referral was dealt with instead.
                var feedback = decidedOn == referral ? decision.FeedbackToReferrer : JoinedFeedback;
                return new ChildOutcome(child.Id, child.FirstName, child.LastName, decision.Outcome, decision.Outcome.Describe(),
                    feedback, decision.OtherSupport, decision.DecidedAt);
            }).ToList());
        }
    }
}
