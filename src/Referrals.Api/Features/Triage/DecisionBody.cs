using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using FluentValidation;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <param name="Outcome">The type of response.</param>
/// <param name="ThresholdLevel">The practitioner's level of need, 1 to 4.</param>
/// <param name="Rationale">Why: internal, never shown to the referrer.</param>
/// <param name="FeedbackToReferrer">What the referrer is told.</param>
/// <param name="OtherSupport">Where else the family can find support: required when the threshold is not met (no further action, information and advice).</param>
/// <param name="QualityRating">The practitioner's rating of the referral.</param>
/// <param name="QualityReasons">What let it down: required unless rated good.</param>
/// <param name="PrimaryNeed">Children in need census primary need, N0 to N9: required for social care outcomes.</param>
/// <param name="Team">The team it goes to: required when it goes to a service.</param>
public sealed record DecisionBody(
    [property: Required] DecisionOutcome? Outcome, [property: Required] int? ThresholdLevel, [property: Required] string? Rationale,
    [property: Required] string? FeedbackToReferrer, string? OtherSupport, [property: Required] QualityRating? QualityRating, IReadOnlyList<QualityReason>? QualityReasons, string? PrimaryNeed, string? Team)
{
    public DecisionDetails ToDetails() => new(
        Outcome!.Value, ThresholdLevel!.Value, Rationale!.Trim(), FeedbackToReferrer!.Trim(), Clean(OtherSupport),
        QualityRating!.Value, QualityReasons ?? [], Clean(PrimaryNeed), Clean(Team));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class DecisionBodyValidator : AbstractValidator<DecisionBody>
{
    /// <summary>A rationale shorter than this cannot show how the decision was reached.</summary>
    public const int MinimumRationaleLength = 20;

    public DecisionBodyValidator()
    {
        RuleFor(d => d.Outcome).NotNull().WithMessage("Choose the outcome.");
        RuleFor(d => d.ThresholdLevel).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(1, 4).WithMessage("Give the threshold level, 1 to 4.");
        RuleFor(d => d.Rationale).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Record the rationale for the decision.")
            .Must(r => r!.Trim().Length >= MinimumRationaleLength).WithMessage("Explain the rationale: how the information led to this decision.")
            .MaximumLength(FieldLimits.Narrative);
        RuleFor(d => d.FeedbackToReferrer).NotEmpty().WithMessage("Write the feedback the referrer will see.").MaximumLength(FieldLimits.Narrative);
        RuleFor(d => d.OtherSupport).NotEmpty().When(d => d.Outcome?.BelowThreshold() == true)
            .WithMessage("The threshold is not met: tell the referrer where else the family can find support.");
        RuleFor(d => d.OtherSupport).MaximumLength(FieldLimits.Narrative);
        RuleFor(d => d.QualityRating).NotNull().WithMessage("Rate the referral's quality: good, adequate or poor.");
        RuleFor(d => d.QualityReasons).NotEmpty().When(d => d.QualityRating is QualityRating.Adequate or QualityRating.Poor)
            .WithMessage("Say what let the referral down.");
        RuleFor(d => d.QualityReasons!.Count).LessThanOrEqualTo(Enum.GetValues<QualityReason>().Length).When(d => d.QualityReasons is not null)
            .OverridePropertyName("qualityReasons");
        RuleFor(d => d.PrimaryNeed).NotEmpty().When(d => d.Outcome?.IsSocialCare() == true)
            .WithMessage("Give the primary need code (N0 to N9) for a social care outcome.");
        RuleFor(d => d.PrimaryNeed).Must(code => PrimaryNeeds.All.ContainsKey(code!.Trim())).When(d => !string.IsNullOrWhiteSpace(d.PrimaryNeed))
            .WithMessage("A primary need code is N0 to N9.");
        RuleFor(d => d.Team).NotEmpty().When(d => d.Outcome is { } outcome && !outcome.BelowThreshold())
            .WithMessage("Name the team the child goes to.");
        RuleFor(d => d.Team).MaximumLength(FieldLimits.ShortText);
    }
}
