namespace Referrals.Api.Domain;

/// <summary>Where a referral is in the front door's lifecycle.</summary>
public enum ReferralStatus
{
    Submitted, InTriage, AwaitingInformation, MultiAgencyChecks, Decided, AwaitingSignOff,
    OutcomeReady, Closed, Withdrawn, Linked,
}

/// <summary>A state change the referral's rules do not allow from where it is now.</summary>
public sealed class ReferralStateException(ReferralStatus current, string action)
    : Exception($"A referral that is {Words(current)} cannot be {action}.")
{
    public ReferralStatus Current { get; } = current;

    private static string Words(ReferralStatus status) => EnumWords.Of(status).Replace('-', ' ');
}

/// <summary>A triage step the referral's state allows but its contents do not (a child already decided, for instance).</summary>
public sealed class TriageRuleException(string message) : Exception(message);

/// <summary>A step the person's role allows in general but not to them on this referral (signing off their own decision).</summary>
public sealed class NotThisPersonException(string message) : Exception(message);

/// <summary>Another referral this one cannot be joined with as its duplicate, and why.</summary>
public sealed class DuplicateRefusedException(string message) : Exception(message);

/// <summary>What can be done to a referral.</summary>
public enum TriageStep { Assign, RequestInformation, AnswerInformation, RateRag, RecordCheck, Decide, SignOff, Link, Close, Withdraw, Allocate }

/// <summary>
/// The lifecycle: which steps each state allows. submitted → in triage (assigned) → optionally
/// awaiting information (back to in triage when answered) → optionally multi-agency checks →
/// decided (all children) → awaiting sign-off where the council's rules require it → outcome ready →
/// closed. Withdrawn (before triage) and linked (a duplicate, before a decision) end it early.
/// "Decided" is passed through the moment the last child's decision is recorded, and is kept in the history.
/// </summary>
public static class ReferralLifecycle
{
    private static readonly ReferralStatus[] BeforeDecision =
        [ReferralStatus.InTriage, ReferralStatus.AwaitingInformation, ReferralStatus.MultiAgencyChecks];

    public static readonly IReadOnlyDictionary<TriageStep, ReferralStatus[]> AllowedFrom = new Dictionary<TriageStep, ReferralStatus[]>
    {
        [TriageStep.Assign] = [ReferralStatus.Submitted, .. BeforeDecision],
        [TriageStep.RequestInformation] = [ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks],
        [TriageStep.AnswerInformation] = [ReferralStatus.AwaitingInformation],
        [TriageStep.RateRag] = BeforeDecision,
        [TriageStep.RecordCheck] = BeforeDecision,
        [TriageStep.Decide] = [ReferralStatus.InTriage, ReferralStatus.MultiAgencyChecks],
        [TriageStep.SignOff] = [ReferralStatus.AwaitingSignOff],
        [TriageStep.Link] = [ReferralStatus.Submitted, .. BeforeDecision],
        [TriageStep.Close] = [ReferralStatus.OutcomeReady],
        [TriageStep.Withdraw] = [ReferralStatus.Submitted],
        // Once a child is accepted, the team that takes the case allocates a worker, after the front door's work is done.
        [TriageStep.Allocate] = [ReferralStatus.OutcomeReady, ReferralStatus.Closed],
    };

    /// <summary>States in which a referral still waits for its decision, so its timescale can be missed.</summary>
    public static readonly IReadOnlyList<ReferralStatus> AwaitingDecision = [ReferralStatus.Submitted, .. BeforeDecision];

    /// <summary>States the First Contact Team still has work in.</summary>
    public static readonly IReadOnlyList<ReferralStatus> Open = [.. AwaitingDecision, ReferralStatus.Decided, ReferralStatus.AwaitingSignOff];

    public static bool Allows(ReferralStatus status, TriageStep step) => AllowedFrom[step].Contains(status);

    internal static string Verb(TriageStep step) => step switch
    {
        TriageStep.Assign => "assigned",
        TriageStep.RequestInformation => "returned to the referrer with questions",
        TriageStep.AnswerInformation => "given an answer",
        TriageStep.RateRag => "RAG rated",
        TriageStep.RecordCheck => "given multi-agency checks",
        TriageStep.Decide => "decided",
        TriageStep.SignOff => "signed off",
        TriageStep.Link => "linked as a duplicate",
        TriageStep.Close => "closed",
        TriageStep.Withdraw => "withdrawn",
        TriageStep.Allocate => "allocated",
        _ => step.ToString(),
    };
}
