namespace Referrals.Api.Domain;

/// <summary>The type of response decided for a child.</summary>
public enum DecisionOutcome
{
    NoFurtherAction,
    /// <summary>Information and advice, or signposting to universal services.</summary>
    InformationAndAdvice,
    EarlyHelp,
    /// <summary>Children's social care assessment under section 17 (child in need).</summary>
    SocialCareAssessment,
    /// <summary>Strategy discussion under section 47 (child protection).</summary>
    StrategyDiscussion,
    /// <summary>The child is already open to social care: passed to the allocated worker.</summary>
    AlreadyOpen,
}

public static class DecisionOutcomes
{
    /// <summary>Outcomes below the threshold for a service: the referrer must be told why and where else to find support.</summary>
    public static bool BelowThreshold(this DecisionOutcome outcome) =>
        outcome is DecisionOutcome.NoFurtherAction or DecisionOutcome.InformationAndAdvice;

    /// <summary>Social care outcomes, which carry a primary need code for the children in need census.</summary>
    public static bool IsSocialCare(this DecisionOutcome outcome) =>
        outcome is DecisionOutcome.SocialCareAssessment or DecisionOutcome.StrategyDiscussion or DecisionOutcome.AlreadyOpen;

    /// <summary>
    /// Whether the contact becomes a referral as the DfE counts one: children's social care accepts it for an assessment
    /// or a strategy discussion. New information on a case already open stays a contact.
    /// </summary>
    public static bool IsAcceptedAsReferral(this DecisionOutcome outcome) =>
        outcome is DecisionOutcome.SocialCareAssessment or DecisionOutcome.StrategyDiscussion;

    /// <summary>In a partner's words, for the outcome it is sent.</summary>
    public static string Describe(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.NoFurtherAction => "No further action by children's services",
        DecisionOutcome.InformationAndAdvice => "Information and advice, or signposting to other support",
        DecisionOutcome.EarlyHelp => "Offered early help",
        DecisionOutcome.SocialCareAssessment => "Children's social care assessment (section 17, child in need)",
        DecisionOutcome.StrategyDiscussion => "Strategy discussion (section 47, child protection)",
        DecisionOutcome.AlreadyOpen => "Already known to children's social care: passed to the allocated worker",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}

/// <summary>Children in need census primary need codes.</summary>
public static class PrimaryNeeds
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["N0"] = "Not stated",
        ["N1"] = "Abuse or neglect",
        ["N2"] = "Child's disability",
        ["N3"] = "Parental disability or illness",
        ["N4"] = "Family in acute stress",
        ["N5"] = "Family dysfunction",
        ["N6"] = "Socially unacceptable behaviour",
        ["N7"] = "Low income",
        ["N8"] = "Absent parenting",
        ["N9"] = "Cases other than children in need",
    };
}

/// <summary>The practitioner's view of how good the referral was.</summary>
public enum QualityRating { Good, Adequate, Poor }

/// <summary>Why a referral was not rated good: the reasons the performance group counts.</summary>
public enum QualityReason
{
    MissingIdentifiers, ConsentNotAddressed, ParentsNotAware, ConcernUnclear, ChildsVoiceAbsent, NoActionTaken,
    RiskNotExplained, LevelOfNeedMisjudged, WrongRoute, Duplicate, ReferrerNotContactable,
}

/// <summary>Where a decision stands in management oversight.</summary>
public enum DecisionState { AwaitingSignOff, Final, Overridden }

public enum SignOffResult { Agreed, Overridden }

/// <summary>What the practitioner decides for one child.</summary>
public sealed record DecisionDetails(
    DecisionOutcome Outcome, int ThresholdLevel, string Rationale, string FeedbackToReferrer, string? OtherSupport,
    QualityRating QualityRating, IReadOnlyList<QualityReason> QualityReasons, string? PrimaryNeed, string? Team);

/// <summary>
/// A decision for one child. A manager's override does not change it: it is marked overridden
/// and the manager's decision is added beside it, so both stay on the record.
/// </summary>
public sealed class ChildDecision
{
    private ChildDecision() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public Guid ContactId { get; private set; }
    public DecisionOutcome Outcome { get; private set; }
    public int ThresholdLevel { get; private set; }
    public string Rationale { get; private set; } = "";
    public string FeedbackToReferrer { get; private set; } = "";
    public string? OtherSupport { get; private set; }
    public QualityRating QualityRating { get; private set; }
    /// <summary>Reason codes, comma-separated in storage.</summary>
    public string QualityReasons { get; private set; } = "";
    public string? PrimaryNeed { get; private set; }
    public string? Team { get; private set; }
    public string DecidedByUserId { get; private set; } = "";
    public string DecidedByName { get; private set; } = "";
    public string DecidedByRole { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }
    public DecisionState State { get; private set; }
    public string? SignedOffByUserId { get; private set; }
    public string? SignedOffByName { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }
    public string? SignOffComment { get; private set; }
    /// <summary>The practitioner's decision this one, a manager's, overrode.</summary>
    public Guid? OverridesDecisionId { get; private set; }

    public bool IsCurrent => State != DecisionState.Overridden;

    public IReadOnlyList<QualityReason> Reasons =>
        QualityReasons.Length == 0 ? [] : [.. QualityReasons.Split(',').Select(Enum.Parse<QualityReason>)];

    internal static ChildDecision Make(Guid referralId, Guid contactId, DecisionDetails details, Actor by, DateTimeOffset at, bool needsSignOff, Guid? overrides) => new()
    {
        Id = Guid.CreateVersion7(), ReferralId = referralId, ContactId = contactId,
        Outcome = details.Outcome, ThresholdLevel = details.ThresholdLevel, Rationale = details.Rationale,
        FeedbackToReferrer = details.FeedbackToReferrer, OtherSupport = details.OtherSupport,
        QualityRating = details.QualityRating, QualityReasons = string.Join(',', details.QualityReasons.Distinct()),
        PrimaryNeed = details.PrimaryNeed, Team = details.Team,
        DecidedByUserId = by.UserId, DecidedByName = by.Name, DecidedByRole = by.Role, DecidedAt = at,
        State = needsSignOff ? DecisionState.AwaitingSignOff : DecisionState.Final,
        OverridesDecisionId = overrides,
    };

    internal void SignedOff(SignOffResult result, string? comment, Actor by, DateTimeOffset at)
    {
        State = result == SignOffResult.Agreed ? DecisionState.Final : DecisionState.Overridden;
        SignedOffByUserId = by.UserId;
        SignedOffByName = by.Name;
        SignedOffAt = at;
        SignOffComment = comment;
    }
}
