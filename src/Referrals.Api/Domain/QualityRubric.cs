using static Referrals.Api.Domain.ChildIdentifiers;

namespace Referrals.Api.Domain;

/// <summary>
/// The published quality rubric: what a good referral contains and what each element is worth.
/// The version is stored with every score so that figures compare like with like; change the
/// weights or elements only with a new version.
/// </summary>
public static class QualityRubric
{
    public const string Version = "2026.1";

    /// <summary>A concern description shorter than this rarely says what happened, when and how it is known.</summary>
    public const int SpecificConcernLength = 150;

    public sealed record Element(string Code, string Name, int Weight, string MissingMessage);

    public sealed record Finding(string Code, string Name, int Weight, bool Met, string? Message);

    public sealed record Assessment(int Score, string RubricVersion, IReadOnlyList<Finding> Findings);

    public static readonly IReadOnlyList<Element> Elements =
    [
        new("child-identifiers", "Identifiers that let each child be found", 15,
            "Not every child has a date of birth (or due date) and an NHS number or full address with postcode."),
        new("consent-addressed", "Consent addressed", 10,
            "Consent is not addressed, or a \"no\" has no reason."),
        new("parental-awareness", "Parents' awareness", 5,
            "Whether the parents or carers know of this referral is not answered, or a \"no\" has no reason."),
        new("concern-described", "What happened, described specifically", 10,
            $"The concern is not described in enough detail (fewer than {SpecificConcernLength} characters)."),
        new("when-and-where", "When and where it happened", 5,
            "When and where it happened is not recorded."),
        new("how-known", "How the referrer knows", 5,
            "How the referrer knows of the concern is not recorded."),
        new("childs-voice", "The child's voice", 15,
            "The child's voice is not recorded."),
        new("strengths", "What is going well", 10,
            "Strengths and protective factors are not recorded."),
        new("actions-taken", "What has already been done", 10,
            "What has already been done to help is not recorded."),
        new("level-of-need-reasoned", "Level of need and risk, with reasons", 5,
            "The level of need or the risk and its reason is not given."),
        new("other-professionals", "Other professionals involved", 5,
            "Other professionals involved are not recorded."),
        new("contactable-referrer", "Contactable referrer", 5,
            "The referrer's phone number and e-mail are not both given."),
    ];

    public static Assessment Assess(ReferralForm form)
    {
        var concern = form.Concern ?? new ConcernDetails();
        var consent = form.Consent ?? new ConsentDetails();
        var view = form.ReferrerView ?? new ReferrerView();
        var children = form.Children ?? [];

        var met = new Dictionary<string, bool>
        {
            ["child-identifiers"] = children.Count > 0 && children.All(CanBeFound),
            ["consent-addressed"] = consent.ParentsConsented is true
                || (consent.ParentsConsented is false && IsKnown(consent.ConsentReason)),
            ["parental-awareness"] = consent.ParentsAware is true
                || (consent.ParentsAware is false && IsKnown(consent.ParentsAwareReason)),
            ["concern-described"] = IsKnown(concern.WhatHappened) && concern.WhatHappened!.Trim().Length >= SpecificConcernLength,
            ["when-and-where"] = IsKnown(concern.WhenAndWhere),
            ["how-known"] = IsKnown(concern.HowKnown),
            ["childs-voice"] = IsKnown(concern.ChildsVoice),
            ["strengths"] = IsKnown(concern.WhatIsGoingWell),
            ["actions-taken"] = IsKnown(concern.ActionsAlreadyTaken),
            ["level-of-need-reasoned"] = view.LevelOfNeed is not null && view.Risk is not null && IsKnown(view.RiskReason),
            ["other-professionals"] = IsKnown(concern.OtherProfessionals),
            ["contactable-referrer"] = IsKnown(form.Referrer?.Phone) && IsKnown(form.Referrer?.Email),
        };

        var findings = Elements
            .Select(e => new Finding(e.Code, e.Name, e.Weight, met[e.Code], met[e.Code] ? null : e.MissingMessage))
            .ToList();
        return new Assessment(findings.Where(f => f.Met).Sum(f => f.Weight), Version, findings);
    }

    private static bool CanBeFound(ChildDetails child) =>
        (child.DateOfBirth is not null || child.ExpectedDueDate is not null)
        && (IsValidNhsNumber(child.NhsNumber) || (IsKnown(child.Address) && IsValidPostcode(child.Postcode)));
}
