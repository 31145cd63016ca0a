namespace Referrals.Api.Domain;

/// <summary>A multi-agency check: what another agency shared, and when.</summary>
public sealed class AgencyCheck
{
    private AgencyCheck() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public string Agency { get; private set; } = "";
    public string Shared { get; private set; } = "";
    public DateTimeOffset SharedAt { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    internal static AgencyCheck Record(Guid referralId, string agency, string shared, DateTimeOffset sharedAt, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), ReferralId = referralId, Agency = agency, Shared = shared, SharedAt = sharedAt,
        RecordedByUserId = by.UserId, RecordedByName = by.Name, RecordedAt = at,
    };
}
