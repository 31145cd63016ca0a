using Referrals.Api.Features.Audit;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Features.Feedback;

/// <summary>Stops deliveries to a receiver. Notices still waiting for it are marked failed, saying why.</summary>
public static class RemoveSubscription
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, TimeProvider clock, AuditTrail audit, ILogger<Handler> log)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == command.Id && s.RemovedAt == null, cancellationToken)
                ?? throw new NotFoundException("The subscription");
            var now = clock.GetUtcNow();
            subscription.RemovedAt = now;
            audit.RecordAbout(AuditActions.SubscriptionRemoved, subscription.Id);
            await db.InTransactionAsync(async cancellation =>
            {
                await save.SaveAsync(cancellation);
                await db.FeedbackDeliveries.Where(d => d.SubscriptionId == subscription.Id && d.Status == DeliveryStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.FailedAt, now)
                        .SetProperty(d => d.LastError, "The subscription was removed."), cancellation);
            }, cancellationToken);
            log.LogInformation("Webhook subscription {SubscriptionId} removed by {UserId}", subscription.Id, user.Id);
            return Unit.Value;
        }
    }
}
