using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Triage;

/// <summary>
/// Records the team and worker a child accepted as a referral is allocated to: what Ofsted's list of referrals shows
/// as the allocated team and worker (the front door's triager is not the allocated worker).
/// </summary>
public static class AllocateChild
{
    /// <param name="Team">The team that holds the case, e.g. "Derby City Assessment Team 2".</param>
    /// <param name="Worker">The social worker allocated, by name.</param>
    public sealed record Body([property: Required] string? Team, [property: Required] string? Worker);

    public sealed record Command(Guid Id, Guid ChildId, int ExpectedVersion, string? Team, string? Worker) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Team).NotEmpty().WithMessage("Name the team the case is allocated to.").MaximumLength(FieldLimits.ShortText);
            RuleFor(c => c.Worker).NotEmpty().WithMessage("Name the worker the case is allocated to.").MaximumLength(FieldLimits.Name);
        }
    }

    public sealed class Handler(ReferralChanges work) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken) =>
            await work.Change(command.Id, command.ExpectedVersion, AuditActions.Allocated,
                referral =>
                {
                    ReferralChanges.RequireChild(referral, command.ChildId);
                    referral.Allocate(command.ChildId, command.Team!.Trim(), command.Worker!.Trim(), work.Me, work.Now);
                }, cancellationToken);
    }
}
