namespace Referrals.Api.Domain;

/// <summary>
/// What a referring agency hears. JoinedWithAnother: its referral was joined with another about the same child (as a
/// duplicate); the outcome follows, as OutcomeReady on its own referral, when that one is decided.
/// </summary>
public enum FeedbackEventType { Acknowledged, InformationRequested, OutcomeReady, Withdrawn, JoinedWithAnother }

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

