using System.Net.Mail;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// The save step of the transactional outbox: inside the transaction of the changes that raised feedback events, gives
/// each event its place in the agency's feed and makes one pending notice per channel it must go out on. So an event
/// and its notices exist exactly when the change committed.
/// </summary>
public sealed class FeedbackOutbox(FeedbackOptions options) : ISaveStep
{
    public async Task BeforeWritingAsync(ReferralsDbContext db, ChangesToSave changes, CancellationToken cancellationToken)
    {
        foreach (var raisedEvent in changes.Raised.OrderBy(e => e.OccurredAt))
        {
            var subscriptions = new List<Guid>();
            await foreach (var subscription in Subscriptions.For(db)(db, raisedEvent.AgencyCode).WithCancellation(cancellationToken)) subscriptions.Add(subscription);
            // After the read above: the agency's counter row stays locked from here to the commit.
            raisedEvent.Sequence = await NextSequenceAsync(db, raisedEvent.AgencyCode, cancellationToken);
            foreach (var subscription in subscriptions)
                db.FeedbackDeliveries.Add(Notice(raisedEvent, FeedbackChannel.Webhook, subscription, null));
            if (options.Email.Enabled && ReferrerAddress(db, raisedEvent.ReferralId) is { } address)
                db.FeedbackDeliveries.Add(Notice(raisedEvent, FeedbackChannel.Email, null, address));
        }
    }

    // Compiled once: it runs inside every transaction that raises an event (on SQLite, while other writers wait).
    private static readonly CompiledPerEngine<Func<ReferralsDbContext, string, IAsyncEnumerable<Guid>>> Subscriptions = new(() => EF.CompileAsyncQuery(
        (ReferralsDbContext db, string agency) => db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.AgencyCode == agency && s.RemovedAt == null).Select(s => s.Id)));

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
        var sequence = await PlainSql.SingleAsync<long>(db, """
            INSERT INTO "FeedbackCounters" ("AgencyCode", "LastSequence") VALUES (@agency, 1)
            ON CONFLICT ("AgencyCode") DO UPDATE SET "LastSequence" = "FeedbackCounters"."LastSequence" + 1
            RETURNING "LastSequence"
            """, [("@agency", agency)], cancellationToken);
        // As with reference numbers: a counter left behind its events moves past the highest in use rather than collide.
        if (await PlainSql.SingleAsync<long>(db, """SELECT COUNT(*) FROM "FeedbackEvents" WHERE "AgencyCode" = @agency AND "Sequence" = @sequence""",
                [("@agency", agency), ("@sequence", sequence)], cancellationToken) == 0)
            return sequence;
        sequence = await PlainSql.SingleAsync<long>(db, """SELECT MAX("Sequence") FROM "FeedbackEvents" WHERE "AgencyCode" = @agency""",
            [("@agency", agency)], cancellationToken) + 1;
        await PlainSql.ExecuteAsync(db, """UPDATE "FeedbackCounters" SET "LastSequence" = @sequence WHERE "AgencyCode" = @agency""",
            [("@sequence", sequence), ("@agency", agency)], cancellationToken);
        return sequence;
    }

    /// <summary>The referrer's address from the form, when it gave a usable one ("not known" is allowed there).</summary>
    private static string? ReferrerAddress(ReferralsDbContext db, Guid referralId)
    {
        var referral = db.ChangeTracker.Entries<Referral>().Select(e => e.Entity).First(r => r.Id == referralId);
        var form = referral.SubmittedForm ?? JsonSerializer.Deserialize<ReferralForm>(referral.SubmissionJson, Json.Options);
        var email = form?.Referrer?.Email?.Trim();
        return MailAddress.TryCreate(email, out var address) ? address.Address : null;
    }
}
