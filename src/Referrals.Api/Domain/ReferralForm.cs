namespace Referrals.Api.Domain;

/// <summary>
/// The standardised referral form, exactly as a partner fills it in. Every member is nullable so
/// that a missing answer is reported by validation, naming the field, rather than failing to bind.
/// The accepted form is stored unchanged as the referral's submission copy.
/// </summary>
public sealed record ReferralForm
{
    /// <summary>Electronic form for partners; the First Contact Team records phone, e-mail and in-person referrals.</summary>
    public Channel? Channel { get; init; }

    /// <summary>The referring agency's code. Referrers submit for the agency on their token and may
    /// leave this out; practitioners recording on a partner's behalf must give it.</summary>
    public string? AgencyCode { get; init; }

    public ReferrerDetails? Referrer { get; init; }
    public IReadOnlyList<ChildDetails>? Children { get; init; }
    public IReadOnlyList<SignificantAdult>? Household { get; init; }
    public ConsentDetails? Consent { get; init; }
    public ConcernDetails? Concern { get; init; }
    public ReferrerView? ReferrerView { get; init; }

    /// <summary>Only for domestic abuse notifications (mostly from police).</summary>
    public DomesticAbuseNotification? DomesticAbuse { get; init; }
}

public sealed record ReferrerDetails
{
    /// <summary>Taken from the signed-in referrer's token; required only when the First Contact Team records a referral on a partner's behalf.</summary>
    public string? Name { get; init; }
    /// <summary>Job title, e.g. "Designated safeguarding lead".</summary>
    public string? Role { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>Whether the agency's designated safeguarding lead was consulted.</summary>
    public Answer? SafeguardingLeadConsulted { get; init; }
}

public sealed record ChildDetails
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Alias { get; init; }
    /// <summary>Give one of: date of birth, estimated age in years, or expected due date for an unborn child.</summary>
    public DateOnly? DateOfBirth { get; init; }
    public int? EstimatedAgeYears { get; init; }
    public DateOnly? ExpectedDueDate { get; init; }
    public Gender? Gender { get; init; }
    public string? Ethnicity { get; init; }
    public string? FirstLanguage { get; init; }
    public Answer? InterpreterNeeded { get; init; }
    public Answer? Disability { get; init; }
    public string? DisabilityDetails { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? SchoolOrSetting { get; init; }
    /// <summary>10 digits with a valid modulus 11 check digit, when known.</summary>
    public string? NhsNumber { get; init; }
    /// <summary>13 characters with a valid check letter, when known.</summary>
    public string? UniquePupilNumber { get; init; }
    /// <summary>Where the child is now.</summary>
    public string? CurrentLocation { get; init; }
    /// <summary>Whether the child is safe right now.</summary>
    public Answer? SafeNow { get; init; }
}

public sealed record SignificantAdult
{
    public string? Name { get; init; }
    public IReadOnlyList<RelationshipToChild>? Relationships { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public Answer? ParentalResponsibility { get; init; }
    public Answer? LivesWithChild { get; init; }
    /// <summary>Whether this person is alleged to pose a risk to the child.</summary>
    public Answer? AllegedToPoseRisk { get; init; }
}

public sealed record RelationshipToChild
{
    /// <summary>Position of the child in <c>children</c>, counting from 0.</summary>
    public int? ChildIndex { get; init; }
    /// <summary>E.g. "mother", "stepfather", "mother's partner".</summary>
    public string? Relationship { get; init; }
}

public sealed record ConsentDetails
{
    public bool? ParentsAware { get; init; }
    /// <summary>Required when parents are not aware, e.g. telling them would place the child at greater risk.</summary>
    public string? ParentsAwareReason { get; init; }
    public bool? ParentsConsented { get; init; }
    /// <summary>Required when parents have not consented.</summary>
    public string? ConsentReason { get; init; }
}

public sealed record ConcernDetails
{
    /// <summary>Codes from the concern categories reference list; at least one.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    public string? WhatHappened { get; init; }
    public string? WhenAndWhere { get; init; }
    /// <summary>How the referrer knows: seen, told by the child, told by another person.</summary>
    public string? HowKnown { get; init; }
    /// <summary>Any disclosure: who said what, to whom, when.</summary>
    public string? Disclosure { get; init; }
    public string? ImpactOnChild { get; init; }
    /// <summary>What the child has said and how they seem.</summary>
    public string? ChildsVoice { get; init; }
    /// <summary>Strengths and protective factors.</summary>
    public string? WhatIsGoingWell { get; init; }
    /// <summary>Support already offered and its result, e.g. an early help assessment.</summary>
    public string? ActionsAlreadyTaken { get; init; }
    public string? OtherProfessionals { get; init; }
    public string? HopedOutcome { get; init; }
}

public sealed record ReferrerView
{
    /// <summary>1 universal, 2 emerging needs, 3 intensive / complex needs, 4 specialist / child protection.</summary>
    public int? LevelOfNeed { get; init; }
    public RiskLevel? Risk { get; init; }
    public string? RiskReason { get; init; }
}

public sealed record DomesticAbuseNotification
{
    public DomesticAbuseRisk? RiskLevel { get; init; }
    public Answer? ChildrenPresent { get; init; }
    public Answer? MaracReferralMade { get; init; }
}
