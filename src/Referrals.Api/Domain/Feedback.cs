namespace Referrals.Api.Domain;

/// <summary>What a referring agency is told about its referral. Each is raised by the change that causes it.</summary>
/// <summary>
/// What a referring agency hears. JoinedWithAnother: its referral was joined with another about the same child (as a
/// duplicate); the outcome follows, as OutcomeReady on its own referral, when that one is decided.
/// </summary>
public enum FeedbackEventType { Acknowledged, InformationRequested, OutcomeReady, Withdrawn, JoinedWithAnother }

/// <summary>How a notice reaches the referring agency.</summary>
public enum FeedbackChannel { Webhook, Email }

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One event in a referring agency's feed: a row of the transactional outbox, inserted in the same
/// transaction as the referral change that raised it. Holds no child's personal data: a receiver
/// reads the details with its own token.
/// </summary>
public sealed class FeedbackEvent
{
    private FeedbackEvent() { }

    public Guid Id { get; private set; }
    public string AgencyCode { get; private set; } = "";
    /// <summary>
    /// The event's place in its agency's feed: 1, 2, 3... with no gaps, given as the transaction
    /// commits (see FeedbackOutbox), so a reader that has seen n has seen everything before n.
    /// </summary>
    public long Sequence { get; internal set; }
    public FeedbackEventType Type { get; private set; }
    public Guid ReferralId { get; private set; }
    public string Reference { get; internal set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The event a change of status raises for the referring agency, if any.</summary>
    public static FeedbackEventType? RaisedBy(ReferralStatus to) => to switch
    {
        ReferralStatus.Submitted => FeedbackEventType.Acknowledged,
        ReferralStatus.AwaitingInformation => FeedbackEventType.InformationRequested,
        ReferralStatus.OutcomeReady => FeedbackEventType.OutcomeReady,
        ReferralStatus.Withdrawn => FeedbackEventType.Withdrawn,
        ReferralStatus.Linked => FeedbackEventType.JoinedWithAnother,
        _ => null,
    };

    internal static FeedbackEvent For(Referral referral, FeedbackEventType type, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), AgencyCode = referral.AgencyCode, Type = type,
        ReferralId = referral.Id, Reference = referral.Reference, OccurredAt = at,
    };

    /// <summary>What a notice says, in a partner's words, with the reference only.</summary>
    public static string Describe(FeedbackEventType type) => type switch
    {
        FeedbackEventType.Acknowledged => "received",
        FeedbackEventType.InformationRequested => "more information requested",
        FeedbackEventType.OutcomeReady => "outcome ready",
        FeedbackEventType.Withdrawn => "withdrawn",
        FeedbackEventType.JoinedWithAnother => "joined with another referral about the same child",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>The last feed position given to an agency. Incremented inside the transaction that raises an event.</summary>
public sealed class FeedbackCounter
{
    public string AgencyCode { get; init; } = "";
    public long LastSequence { get; init; }
}

/// <summary>An agency's system that is sent every event for the agency's referrals, signed with the shared secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; }
    public string AgencyCode { get; init; } = "";
    public string Url { get; init; } = "";
    /// <summary>Shown once, when the subscription is made; kept to sign each delivery.</summary>
    public string Secret { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedByUserId { get; init; } = "";
    public string CreatedByName { get; init; } = "";
    public DateTimeOffset? RemovedAt { get; set; }
}

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
