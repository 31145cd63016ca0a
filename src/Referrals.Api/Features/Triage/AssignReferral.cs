using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>A practitioner takes a referral (starting triage), or a manager assigns or reassigns it to someone.</summary>
public static class AssignReferral
{
    /// <param name="AssigneeUserId">Whom to assign it to (their user id); leave out to take it yourself.</param>
    /// <param name="AssigneeName">Their name, as the team knows them; required with assigneeUserId.</param>
    public sealed record Body(string? AssigneeUserId, string? AssigneeName);

    public sealed record Command(Guid Id, int ExpectedVersion, string? AssigneeUserId, string? AssigneeName) : IRequest<GetReferral.ReferralDetail>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AssigneeUserId).MaximumLength(FieldLimits.UserId).NotEmpty().When(c => c.AssigneeName is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("Say whom to assign it to, by user id, or leave out both fields to take it yourself.");
            RuleFor(c => c.AssigneeName).MaximumLength(FieldLimits.Name).NotEmpty().When(c => c.AssigneeUserId is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("Give the assignee's name with their user id.");
        }
    }

    public sealed class Handler(ReferralChanges work, CurrentUser user) : IRequestHandler<Command, GetReferral.ReferralDetail>
    {
        public async Task<GetReferral.ReferralDetail> Handle(Command command, CancellationToken cancellationToken)
        {
            var assignee = command.AssigneeUserId is null ? work.Me : new Actor(command.AssigneeUserId.Trim(), command.AssigneeName!.Trim(), Roles.Practitioner);
            if (assignee.UserId != user.Id && !user.IsManager)
                throw TriageRules.Forbidden("Only a manager assigns a referral to someone else; leave out the assignee to take it yourself.");
            return await work.Change(command.Id, command.ExpectedVersion, AuditActions.Assigned,
                referral => referral.Assign(assignee, work.Me, work.Now, mayReassign: user.IsManager), cancellationToken);
        }
    }
}
