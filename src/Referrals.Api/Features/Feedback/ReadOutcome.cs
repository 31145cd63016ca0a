using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// What the referring agency is told: for each child the outcome in its own words, the feedback
/// written for it, and when the decision was made. Only the decision's final form (signed off
/// where the council requires), and never the rationale, checks, RAG, quality rating or history.
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

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, AuditTrail audit, TimeProvider clock) : IRequestHandler<Query, Outcome>
    {
        public async Task<Outcome> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().WithDecisions()
                .VisibleTo(user).SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            if (referral.Status is not (ReferralStatus.OutcomeReady or ReferralStatus.Closed) || referral.OutcomeReadyAt is not { } readyAt)
                throw new ReferralStateException(referral.Status, "read for its outcome yet");

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

            var children = referral.Contacts.OrderBy(c => c.Position).Select(child =>
            {
                var decision = referral.CurrentDecision(child.Id)
                    ?? throw new InvalidOperationException("A referral with its outcome ready has a final decision for every child.");
                return new ChildOutcome(child.Id, child.FirstName, child.LastName, decision.Outcome, decision.Outcome.Describe(),
                    decision.FeedbackToReferrer, decision.OtherSupport, decision.DecidedAt);
            }).ToList();
            return new Outcome(referral.Id, referral.Reference, referral.ReceivedAt, readyAt, children);
        }
    }
}
