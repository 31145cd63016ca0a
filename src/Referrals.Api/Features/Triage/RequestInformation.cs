using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Triage;

/// <summary>The First Contact Team returns a referral to its referrer with questions; it waits for the answer.</summary>
public static class RequestInformation
{
    public sealed record Body([property: Required] string? Questions);

    public sealed record Command(Guid Id, int ExpectedVersion, string? Questions) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Questions).NotEmpty().WithMessage("Write the questions for the referrer.").MaximumLength(FieldLimits.Narrative);
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.InformationRequested,
                referral => referral.RequestInformation(command.Questions!.Trim(), work.Me, work.Now), cancellationToken);
        }
    }
}
