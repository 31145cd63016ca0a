using System.Net.Mail;
using System.Text.Json;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// Called by the DbContext while it saves changes that raised feedback events, inside their
/// transaction: gives each event its place in the agency's feed and makes one pending notice per
/// channel it must go out on. So an event and its notices exist exactly when the change committed.
/// </summary>
public sealed class FeedbackOutbox(FeedbackOptions options)
{
    public async Task StageAsync(ReferralsDbContext db, IReadOnlyList<FeedbackEvent> raised, CancellationToken cancellationToken)
    {
        foreach (var raisedEvent in raised.OrderBy(e => e.OccurredAt))
        {
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
                .Where(s => s.AgencyCode == raisedEvent.AgencyCode && s.RemovedAt == null)
                .Select(s => s.Id).ToListAsync(cancellationToken);
            // After the read above: the agency's counter row stays locked from here to the commit.
            raisedEvent.Sequence = await NextSequenceAsync(db, raisedEvent.AgencyCode, cancellationToken);
            foreach (var subscription in subscriptions)
                db.FeedbackDeliveries.Add(Notice(raisedEvent, FeedbackChannel.Webhook, subscription, null));
            if (options.Email.Enabled && ReferrerAddress(db, raisedEvent.ReferralId) is { } address)
                db.FeedbackDeliveries.Add(Notice(raisedEvent, FeedbackChannel.Email, null, address));
        }
    }

    private static FeedbackDelivery Notice(FeedbackEvent raised, FeedbackChannel channel, Guid? subscription, string? recipient) => new()
    {
        Id = Guid.CreateVersion7(), EventId = raised.Id, ReferralId = raised.ReferralId, AgencyCode = raised.AgencyCode,
        EventSequence = raised.Sequence, Channel = channel, SubscriptionId = subscription, Recipient = recipient,
        Status = DeliveryStatus.Pending, CreatedAt = raised.OccurredAt, NextAttemptAt = raised.OccurredAt,
    };

    /// <summary>
    /// The counter row is locked by the UPDATE until this transaction ends, so agencies' events are
    /// numbered in commit order without gaps; the SQL is standard to SQLite 3.35+ and PostgreSQL.
    /// </summary>
    private static async Task<long> NextSequenceAsync(ReferralsDbContext db, string agency, CancellationToken cancellationToken)
    {
        return (await db.Database.SqlQuery<long>(
            $"""
            INSERT INTO "FeedbackCounters" ("AgencyCode", "LastSequence") VALUES ({agency}, 1)
            ON CONFLICT ("AgencyCode") DO UPDATE SET "LastSequence" = "FeedbackCounters"."LastSequence" + 1
            RETURNING "LastSequence" AS "Value"
            """).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>The referrer's address from the form, when it gave a usable one ("not known" is allowed there).</summary>
    private static string? ReferrerAddress(ReferralsDbContext db, Guid referralId)
    {
        var referral = db.ChangeTracker.Entries<Referral>().Select(e => e.Entity).First(r => r.Id == referralId);
        var email = JsonSerializer.Deserialize<ReferralForm>(referral.SubmissionJson, Json.Options)?.Referrer?.Email?.Trim();
        return MailAddress.TryCreate(email, out var address) ? address.Address : null;
    }
}
