namespace Referrals.Api.Domain;

/// <summary>Questions the First Contact Team asks the referring agency, and its answer.</summary>
public sealed class InformationRequest
{
    private InformationRequest() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public string Questions { get; private set; } = "";
    public string AskedByUserId { get; private set; } = "";
    public string AskedByName { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredByUserId { get; private set; }
    public string? AnsweredByName { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsOpen => AnsweredAt is null;

    internal static InformationRequest Ask(Guid referralId, string questions, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), ReferralId = referralId, Questions = questions, AskedByUserId = by.UserId, AskedByName = by.Name, AskedAt = at,
    };

    internal void Answered(string answer, Actor by, DateTimeOffset at)
    {
        Answer = answer;
        AnsweredByUserId = by.UserId;
        AnsweredByName = by.Name;
        AnsweredAt = at;
    }
}
