using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Triage;

/// <summary>The referring agency answers; the referral returns to triage with the answer on it.</summary>
public static class AnswerInformationRequest
{
    public sealed record Body([property: Required] string? Answer);

    public sealed record Command(Guid Id, Guid RequestId, int ExpectedVersion, string? Answer) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Answer).NotEmpty().WithMessage("Write your answer to the questions.").MaximumLength(FieldLimits.Narrative);
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.InformationAnswered, referral =>
            {
                // The state is checked first: a referral no longer awaiting information answers 409 whatever the request id.
                try
                {
                    referral.AnswerInformation(command.RequestId, command.Answer!.Trim(), work.Me, work.Now);
                }
                catch (KeyNotFoundException)
                {
                    throw new NotFoundException("The information request");
                }
            }, cancellationToken);
        }
    }
}
