namespace Referrals.Api.Domain;

/// <summary>The MASH rating of how urgently multi-agency information is needed.</summary>
public enum RagRating { Red, Amber, Green }

/// <summary>How soon a RAG-rated referral's multi-agency checks should be done, in elapsed hours from the rating.</summary>
public sealed class RagTargets
{
    public TimeSpan Red { get; set; } = TimeSpan.FromHours(2);
    public TimeSpan Amber { get; set; } = TimeSpan.FromHours(6);
    public TimeSpan Green { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan For(RagRating rating) => rating switch
    {
        RagRating.Red => Red,
        RagRating.Amber => Amber,
        _ => Green,
    };
}

/// <summary>One RAG rating; a change adds another, so the history is kept.</summary>
public sealed class RagRatingEntry
{
    private RagRatingEntry() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public RagRating Rating { get; private set; }
    public string Reason { get; private set; } = "";
    public string RatedByUserId { get; private set; } = "";
    public string RatedByName { get; private set; } = "";
    public DateTimeOffset RatedAt { get; private set; }
    /// <summary>When the checks this rating calls for should be done.</summary>
    public DateTimeOffset DueAt { get; private set; }

    internal static RagRatingEntry Rate(Guid referralId, RagRating rating, string reason, Actor by, DateTimeOffset at, DateTimeOffset dueAt) => new()
    {
        Id = Guid.CreateVersion7(), ReferralId = referralId, Rating = rating, Reason = reason,
        RatedByUserId = by.UserId, RatedByName = by.Name, RatedAt = at, DueAt = dueAt,
    };
}
