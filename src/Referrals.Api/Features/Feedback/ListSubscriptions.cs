using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Feedback;

/// <summary>The subscriptions, with how their deliveries stand: the secret is never shown again.</summary>
public static class ListSubscriptions
{
    /// <param name="AgencyCode">Only this agency's subscriptions.</param>
    public sealed record Query(string? AgencyCode) : IRequest<IReadOnlyList<Subscription>>;

    /// <param name="Pending">Notices waiting to be sent (or retried).</param>
    /// <param name="Failed">Notices given up on after retrying for the configured period.</param>
    public sealed record Subscription(Guid Id, string AgencyCode, string Url, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? RemovedAt, int Delivered, int Pending, int Failed, DateTimeOffset? LastDeliveredAt, string? LastError);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.AgencyCode).MaximumLength(FieldLimits.Code);
    }

    public sealed class Handler(ReferralsDbContext db) : IRequestHandler<Query, IReadOnlyList<Subscription>>
    {
        public async Task<IReadOnlyList<Subscription>> Handle(Query query, CancellationToken cancellationToken)
        {
            var subscriptions = db.WebhookSubscriptions.AsNoTracking();
            if (query.AgencyCode is { } agency) subscriptions = subscriptions.Where(s => s.AgencyCode == agency);
            var found = await subscriptions.OrderBy(s => s.AgencyCode).ThenBy(s => s.CreatedAt).ToListAsync(cancellationToken);
            var ids = found.Select(s => s.Id).ToList();
            var counts = await db.FeedbackDeliveries.AsNoTracking()
                .Where(d => d.SubscriptionId != null && ids.Contains(d.SubscriptionId.Value))
                .GroupBy(d => new { d.SubscriptionId, d.Status })
                .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count(), LastDelivered = g.Max(d => d.DeliveredAt) })
                .ToListAsync(cancellationToken);
            var lastErrors = await db.FeedbackDeliveries.AsNoTracking()
                .Where(d => d.SubscriptionId != null && ids.Contains(d.SubscriptionId.Value) && d.LastError != null && d.Status != DeliveryStatus.Delivered)
                .OrderByDescending(d => d.LastAttemptAt)
                .Select(d => new { d.SubscriptionId, d.LastError })
                .ToListAsync(cancellationToken);
            return found.Select(s =>
            {
                int Count(DeliveryStatus status) => counts.Where(c => c.SubscriptionId == s.Id && c.Status == status).Sum(c => c.Count);
                return new Subscription(s.Id, s.AgencyCode, s.Url, s.CreatedAt, s.CreatedByName, s.RemovedAt,
                    Count(DeliveryStatus.Delivered), Count(DeliveryStatus.Pending), Count(DeliveryStatus.Failed),
                    counts.Where(c => c.SubscriptionId == s.Id && c.Status == DeliveryStatus.Delivered).Select(c => c.LastDelivered).FirstOrDefault(),
                    lastErrors.FirstOrDefault(e => e.SubscriptionId == s.Id)?.LastError);
            }).ToList();
        }
    }
}
