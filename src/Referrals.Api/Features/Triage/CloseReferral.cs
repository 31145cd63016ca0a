using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Triage;

/// <summary>Closes a referral whose outcome is ready: the front door's work on it is done.</summary>
public static class CloseReferral
{
    public sealed record Body(string? Note);

    public sealed record Command(Guid Id, int ExpectedVersion, string? Note) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(FieldLimits.Reason);
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.Closed,
                referral => referral.Close(string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), work.Me, work.Now), cancellationToken);
        }
    }
}
