using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>Records the decision for one child on the referral.</summary>
public static class RecordDecision
{
    public sealed record Command(Guid Id, Guid ChildId, int ExpectedVersion, DecisionBody Decision) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Decision).ReportedAs(new DecisionBodyValidator(), prefix: "");
    }

    public sealed class Handler(ReferralChanges work, SignOffRules signOff, ServiceMetrics metrics)
        : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var details = command.Decision.ToDetails();
            var decided = await work.Change(command.Id, command.ExpectedVersion, AuditActions.DecisionRecorded, referral =>
            {
                ReferralChanges.RequireChild(referral, command.ChildId);
                referral.Decide(command.ChildId, details, work.Me, work.Now, signOff.Require(details.Outcome, work.Me.Role));
            }, cancellationToken);
            metrics.Decided(details.Outcome);
            return decided;
        }
    }
}
