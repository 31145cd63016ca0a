namespace Referrals.Api.Domain;

/// <summary>Where a referral is in the front door's lifecycle.</summary>
public enum ReferralStatus
{
    Submitted, InTriage, AwaitingInformation, MultiAgencyChecks, Decided, AwaitingSignOff,
    OutcomeReady, Closed, Withdrawn, Linked,
}

/// <summary>A state change the referral's rules do not allow from where it is now.</summary>
public sealed class ReferralStateException(ReferralStatus current, string action)
    : Exception($"A referral that is {current} cannot be {action}.")
{
    public ReferralStatus Current { get; } = current;
}

/// <summary>
/// A referral received by the front door: one submission from one agency about one or more
/// children, each child a contact. Status changes only through these methods.
/// </summary>
public sealed class Referral
{
    private readonly List<Contact> _contacts = [];
    private readonly List<ReferralConcern> _concerns = [];

    private Referral() { }

    public Guid Id { get; private set; }
    /// <summary>Human-readable, e.g. REF-2026-000123; given to the referrer on acknowledgement.</summary>
    public string Reference { get; private set; } = "";
    public string AgencyCode { get; private set; } = "";
    public Channel Channel { get; private set; }
    public ReferralStatus Status { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset DecisionDueAt { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public string SubmittedByName { get; private set; } = "";
    public string SubmittedByRole { get; private set; } = "";
    public string ReferrerName { get; private set; } = "";
    public int LevelOfNeed { get; private set; }
    public RiskLevel Risk { get; private set; }
    public bool AnyChildNotSafeNow { get; private set; }
    public int QualityScore { get; private set; }
    public string RubricVersion { get; private set; } = "";
    /// <summary>The rubric's findings at submission, kept so the referrer always sees the score they were given.</summary>
    public string QualityJson { get; private set; } = "";
    /// <summary>The accepted form as JSON, never changed after submission.</summary>
    public string SubmissionJson { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawalReason { get; private set; }
    /// <summary>Optimistic concurrency: every change bumps it, a stale writer is refused.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Contact> Contacts => _contacts;
    public IReadOnlyList<ReferralConcern> Concerns => _concerns;

    public sealed record Submitter(string UserId, string Name, string Role);

    public static Referral Submit(
        Guid id, string reference, string agencyCode, Channel channel, Submitter submitter,
        string referrerName, ReferralForm form, QualityRubric.Assessment quality, string qualityJson, string submissionJson,
        DateTimeOffset receivedAt, DateTimeOffset decisionDueAt)
    {
        var referral = new Referral
        {
            Id = id,
            Reference = reference,
            AgencyCode = agencyCode,
            Channel = channel,
            Status = ReferralStatus.Submitted,
            ReceivedAt = receivedAt,
            DecisionDueAt = decisionDueAt,
            SubmittedByUserId = submitter.UserId,
            SubmittedByName = submitter.Name,
            SubmittedByRole = submitter.Role,
            ReferrerName = referrerName,
            LevelOfNeed = form.ReferrerView!.LevelOfNeed!.Value,
            Risk = form.ReferrerView.Risk!.Value,
            AnyChildNotSafeNow = form.Children!.Any(c => c.SafeNow == Answer.No),
            QualityScore = quality.Score,
            RubricVersion = quality.RubricVersion,
            QualityJson = qualityJson,
            SubmissionJson = submissionJson,
            Version = 1,
        };
        var position = 0;
        foreach (var child in form.Children!)
            referral._contacts.Add(Contact.For(referral.Id, position++, child));
        foreach (var code in form.Concern!.Categories!.Distinct())
            referral._concerns.Add(new ReferralConcern(referral.Id, code));
        return referral;
    }

    /// <summary>The referrer's agency may withdraw a referral until triage starts.</summary>
    public void Withdraw(string reason, DateTimeOffset at)
    {
        if (Status != ReferralStatus.Submitted) throw new ReferralStateException(Status, "withdrawn");
        Status = ReferralStatus.Withdrawn;
        WithdrawnAt = at;
        WithdrawalReason = reason;
        Version++;
    }
}

/// <summary>One child on a referral: the front door counts one contact per child.</summary>
public sealed class Contact
{
    private Contact() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public int Position { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    /// <summary>Lower-case name used to match earlier contacts and to search.</summary>
    public string NormalisedName { get; private set; } = "";
    public DateOnly? DateOfBirth { get; private set; }
    public int? EstimatedAgeYears { get; private set; }
    public DateOnly? ExpectedDueDate { get; private set; }
    public string? NhsNumber { get; private set; }
    public Answer SafeNow { get; private set; }

    internal static Contact For(Guid referralId, int position, ChildDetails child) => new()
    {
        Id = Guid.CreateVersion7(),
        ReferralId = referralId,
        Position = position,
        FirstName = child.FirstName!.Trim(),
        LastName = child.LastName!.Trim(),
        NormalisedName = ChildIdentifiers.NormaliseName(child.FirstName, child.LastName!),
        DateOfBirth = child.DateOfBirth,
        EstimatedAgeYears = child.EstimatedAgeYears,
        ExpectedDueDate = child.ExpectedDueDate,
        NhsNumber = ChildIdentifiers.IsKnown(child.NhsNumber) ? ChildIdentifiers.NormaliseNhsNumber(child.NhsNumber!) : null,
        SafeNow = child.SafeNow ?? Answer.NotKnown,
    };
}

/// <summary>A concern category ticked on a referral, kept as rows so figures can count them.</summary>
public sealed class ReferralConcern(Guid referralId, string categoryCode)
{
    public Guid ReferralId { get; private set; } = referralId;
    public string CategoryCode { get; private set; } = categoryCode;
}
