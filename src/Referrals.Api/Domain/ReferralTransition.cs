namespace Referrals.Api.Domain;

/// <summary>A step in the referral's life: who moved it from one state to another, when and why.</summary>
public sealed class ReferralTransition
{
    private ReferralTransition() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    /// <summary>Its place in the referral's history: steps taken in the same instant still read in order.</summary>
    public int Sequence { get; private set; }
    public ReferralStatus? From { get; private set; }
    public ReferralStatus To { get; private set; }
    public string ByUserId { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public string ByRole { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }

    internal static ReferralTransition Of(Guid referralId, int sequence, ReferralStatus? from, ReferralStatus to, Actor by, DateTimeOffset at, string? reason) => new()
    {
        Id = Guid.CreateVersion7(), ReferralId = referralId, Sequence = sequence, From = from, To = to,
        ByUserId = by.UserId, ByName = by.Name, ByRole = by.Role, At = at, Reason = reason,
    };
}
