using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>How a notice reaches the referring agency.</summary>
public enum FeedbackChannel { Webhook, Email }

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One notice of one event on one channel (a webhook subscription, or an e-mail to the referrer),
/// made with the event in the same transaction and worked off by the delivery worker.
/// </summary>
public sealed class FeedbackDelivery
{
    public Guid Id { get; init; }
    public Guid EventId { get; init; }
    public Guid ReferralId { get; init; }
    public string AgencyCode { get; init; } = "";
    /// <summary>The event's place in the agency's feed: a subscription's deliveries go out in this order.</summary>
    public long EventSequence { get; set; }
    public FeedbackChannel Channel { get; init; }
    public Guid? SubscriptionId { get; init; }
    /// <summary>The referrer's e-mail address, for an e-mail notice.</summary>
    public string? Recipient { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>Why the last attempt failed: a status code or the kind of network error, never a payload.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>The worker holding this delivery, until ClaimedUntil; a crashed worker's claim lapses.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}

internal sealed class FeedbackDeliveryConfiguration : IEntityTypeConfiguration<FeedbackDelivery>
{
    public void Configure(EntityTypeBuilder<FeedbackDelivery> e)
    {
        e.ToTable("FeedbackDeliveries");
        e.HasKey(d => d.Id);
        e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Recipient).HasMaxLength(FieldLimits.Email);
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.LastError).HasMaxLength(FieldLimits.Reason);
        e.Property(d => d.ClaimedBy).HasMaxLength(FieldLimits.ShortText);
        e.HasOne<FeedbackEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        // The worker's search for what is due, and a subscription's order.
        e.HasIndex(d => new { d.Status, d.NextAttemptAt });
        e.HasIndex(d => new { d.SubscriptionId, d.EventSequence });
        e.HasIndex(d => d.EventId);
        e.HasIndex(d => d.ReferralId);
    }
}
