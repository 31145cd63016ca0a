using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>A manager agrees with a child's decision, or overrides it with a new decision and a reason.</summary>
public static class SignOffDecision
{
    /// <param name="Result">agreed, or overridden.</param>
    /// <param name="Comment">The manager's comment; required when overriding (the reason).</param>
    /// <param name="Decision">The manager's decision, required when overriding.</param>
    public sealed record Body([property: Required] SignOffResult? Result, string? Comment, DecisionBody? Decision);

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

    public sealed class Handler(ReferralChanges work, ServiceMetrics metrics) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var signedOff = await work.Change(command.Id, command.ExpectedVersion, AuditActions.DecisionSignedOff, referral =>
            {
                ReferralChanges.RequireChild(referral, command.ChildId);
                referral.SignOff(command.ChildId, command.Result!.Value, command.Comment?.Trim(), command.Decision?.ToDetails(), work.Me, work.Now);
            }, cancellationToken);
            metrics.SignedOff(command.Result!.Value);
            return signedOff;
        }
    }
}
