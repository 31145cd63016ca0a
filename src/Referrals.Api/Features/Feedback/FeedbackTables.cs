using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// Feedback's own tables (feed counters, subscriptions, deliveries), as the DbContext's sets: the context (Data) knows no feature, so a feature names its own tables
/// here and configures them beside their rows.
/// </summary>
public static class FeedbackTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<FeedbackCounter> FeedbackCounters => db.Set<FeedbackCounter>();
        public DbSet<WebhookSubscription> WebhookSubscriptions => db.Set<WebhookSubscription>();
        public DbSet<FeedbackDelivery> FeedbackDeliveries => db.Set<FeedbackDelivery>();
    }
}
