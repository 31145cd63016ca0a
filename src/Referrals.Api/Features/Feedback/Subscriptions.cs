using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Features.Feedback;

/// <summary>A manager registers an agency's receiving system; the secret is shown once, in the answer to its creation.</summary>
public static class CreateSubscription
{
    public sealed record Body(string? AgencyCode, string? Url);

    public sealed record Command(string? AgencyCode, string? Url) : IRequest<CreatedSubscription>;

    /// <param name="Secret">The shared secret that signs every delivery. Store it now: it is never shown again.</param>
    public sealed record CreatedSubscription(Guid Id, string AgencyCode, string Url, string Secret, DateTimeOffset CreatedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AgencyDirectory agencies, FeedbackOptions options, ReceiverAddresses addresses)
        {
            RuleFor(c => c.AgencyCode).NotEmpty().Must(code => agencies.Find(code) is not null)
                .WithMessage("Not an agency the council lists; see /v1/reference-data/agencies.");
            RuleFor(c => c.Url).NotEmpty().MaximumLength(FieldLimits.Url)
                .Must(url => Receivable(url, options.Webhooks.AllowInsecureUrls))
                .WithMessage(options.Webhooks.AllowInsecureUrls
                    ? "Give an absolute http or https URL without credentials."
                    : "Give an absolute https URL without credentials.")
                .Must(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri) || addresses.AllowsHost(uri))
                .WithMessage(ReceiverAddresses.RefusedMessage);
        }

        private static bool Receivable(string? url, bool allowInsecure) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowInsecure && uri.Scheme == Uri.UriSchemeHttp));
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, TimeProvider clock, AuditTrail audit, ILogger<Handler> log)
        : IRequestHandler<Command, CreatedSubscription>
    {
        public async Task<CreatedSubscription> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscription = new WebhookSubscription
            {
                Id = Guid.CreateVersion7(), AgencyCode = command.AgencyCode!, Url = command.Url!, Secret = WebhookSignature.NewSecret(),
                CreatedAt = clock.GetUtcNow(), CreatedByUserId = user.Id, CreatedByName = user.Name,
            };
            db.WebhookSubscriptions.Add(subscription);
            audit.RecordAbout(AuditActions.SubscriptionCreated, subscription.Id);
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Webhook subscription {SubscriptionId} made for {AgencyCode} by {UserId}", subscription.Id, subscription.AgencyCode, user.Id);
            return new CreatedSubscription(subscription.Id, subscription.AgencyCode, subscription.Url, subscription.Secret, subscription.CreatedAt);
        }
    }
}

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

/// <summary>Stops deliveries to a receiver. Notices still waiting for it are marked failed, saying why.</summary>
public static class RemoveSubscription
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, TimeProvider clock, AuditTrail audit, ILogger<Handler> log)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == command.Id && s.RemovedAt == null, cancellationToken)
                ?? throw new NotFoundException("The subscription");
            var now = clock.GetUtcNow();
            subscription.RemovedAt = now;
            audit.RecordAbout(AuditActions.SubscriptionRemoved, subscription.Id);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await db.FeedbackDeliveries.Where(d => d.SubscriptionId == subscription.Id && d.Status == DeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.FailedAt, now)
                    .SetProperty(d => d.LastError, "The subscription was removed."), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            log.LogInformation("Webhook subscription {SubscriptionId} removed by {UserId}", subscription.Id, user.Id);
            return Unit.Value;
        }
    }
}
