using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
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
    DecisionOutcome? Outcome, int? ThresholdLevel, string? Rationale, string? FeedbackToReferrer, string? OtherSupport,
    QualityRating? QualityRating, IReadOnlyList<QualityReason>? QualityReasons, string? PrimaryNeed, string? Team)
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

/// <summary>Records the decision for one child on the referral.</summary>
public static class RecordDecision
{
    public sealed record Command(Guid Id, Guid ChildId, int ExpectedVersion, DecisionBody Decision) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Decision).ReportedAs(new DecisionBodyValidator(), prefix: "");
    }

    public sealed class Handler(ReferralChanges work, SignOffRules signOff) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var details = command.Decision.ToDetails();
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.DecisionRecorded, referral =>
            {
                ReferralChanges.RequireChild(referral, command.ChildId);
                referral.Decide(command.ChildId, details, work.Me, work.Now, signOff.Require(details.Outcome, work.Me.Role));
            }, cancellationToken);
        }
    }
}

/// <summary>A manager agrees with a child's decision, or overrides it with a new decision and a reason.</summary>
public static class SignOffDecision
{
    /// <param name="Result">agreed, or overridden.</param>
    /// <param name="Comment">The manager's comment; required when overriding (the reason).</param>
    /// <param name="Decision">The manager's decision, required when overriding.</param>
    public sealed record Body(SignOffResult? Result, string? Comment, DecisionBody? Decision);

    public sealed record Command(Guid Id, Guid ChildId, int ExpectedVersion, SignOffResult? Result, string? Comment, DecisionBody? Decision)
        : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Result).NotNull().WithMessage("Say whether you agree or override.");
            RuleFor(c => c.Comment).MaximumLength(FieldLimits.Reason);
            RuleFor(c => c.Comment).NotEmpty().When(c => c.Result == SignOffResult.Overridden).WithMessage("Give the reason for overriding.");
            RuleFor(c => c.Decision).NotNull().When(c => c.Result == SignOffResult.Overridden).WithMessage("Record your decision when overriding.");
            RuleFor(c => c.Decision).Null().When(c => c.Result == SignOffResult.Agreed).WithMessage("Leave out the decision when you agree.");
            RuleFor(c => c.Decision!).ReportedAs(new DecisionBodyValidator(), prefix: "decision.").When(c => c.Decision is not null);
        }
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.DecisionSignedOff, referral =>
            {
                ReferralChanges.RequireChild(referral, command.ChildId);
                if (referral.CurrentDecision(command.ChildId) is { State: DecisionState.AwaitingSignOff } decision && decision.DecidedByUserId == work.Me.UserId)
                    throw TriageRules.Forbidden("A decision is signed off by a manager other than the person who made it.");
                referral.SignOff(command.ChildId, command.Result!.Value, command.Comment?.Trim(), command.Decision?.ToDetails(), work.Me, work.Now);
            }, cancellationToken);
        }
    }
}
