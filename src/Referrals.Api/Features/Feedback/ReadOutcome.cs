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

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Query, Outcome>
    {
        public async Task<Outcome> Handle(Query query, CancellationToken cancellationToken)
        {
            // The referring agency's first read is kept on the referral without changing its version, so a change the team
            // made between this read and its save is no conflict: the read is made again on the referral as it now stands.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await ReadAsync(query.Id, cancellationToken);
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<Outcome> ReadAsync(Guid id, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.WithDecisions().VisibleTo(user).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            // A duplicate's outcome is the decision on the referral it was joined with, for the same children.
            var decidedOn = referral is { Status: ReferralStatus.Linked, LinkedToReferralId: { } originalId }
                ? await db.Referrals.AsNoTracking().WithDecisions().SingleAsync(r => r.Id == originalId, cancellationToken)
                : referral;
            var children = referral.OutcomeFor(decidedOn);
            if (user.IsReferrer) referral.OutcomeReadBy(user.Actor, clock.GetUtcNow());
            audit.Record(AuditActions.OutcomeRead, referral.Id);
            await save.SaveAsync(cancellationToken);
            var readyAt = decidedOn.OutcomeReadyAt!.Value;

            return new Outcome(referral.Id, referral.Reference, referral.ReceivedAt, readyAt, children.OrderBy(c => c.Child.Position)
                .Select(pair =>
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
