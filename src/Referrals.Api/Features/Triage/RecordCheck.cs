using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Triage;

/// <summary>Records what another agency shared in the multi-agency checks, and when.</summary>
public static class RecordCheck
{
    /// <param name="Agency">Who shared it, e.g. "Derbyshire Constabulary" or "Sample Health Trust".</param>
    /// <param name="Shared">What they shared, as it may be recorded.</param>
    /// <param name="SharedAt">When they shared it.</param>
    public sealed record Body(
        [property: Required] string? Agency, [property: Required] string? Shared, [property: Required] DateTimeOffset? SharedAt);

    public sealed record Command(Guid Id, int ExpectedVersion, string? Agency, string? Shared, DateTimeOffset? SharedAt) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Agency).NotEmpty().WithMessage("Name the agency that shared information.").MaximumLength(FieldLimits.ShortText);
            RuleFor(c => c.Shared).NotEmpty().WithMessage("Record what was shared.").MaximumLength(FieldLimits.Narrative);
            RuleFor(c => c.SharedAt).NotNull().WithMessage("Say when it was shared.")
                .Must(at => at <= clock.GetUtcNow().AddMinutes(5)).WithMessage("Information cannot have been shared in the future.")
                .Must(at => at >= new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).WithMessage("Give a date after 2000.");
        }
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.CheckRecorded,
                referral => referral.RecordCheck(command.Agency!.Trim(), command.Shared!.Trim(), command.SharedAt!.Value, work.Me, work.Now), cancellationToken);
        }
    }
}
