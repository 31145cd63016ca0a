using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;

namespace Referrals.Api.Features.Audit;

/// <summary>For information governance: everyone who read or changed a referral, when, and in what role.</summary>
public static class ReadAuditTrail
{
    public sealed record Query(Guid ReferralId) : IRequest<IReadOnlyList<Entry>>;

    public sealed record Entry(DateTimeOffset At, string UserId, string UserName, string Role, string? AgencyCode, string Action, string CorrelationId);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ReferralId).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, AuditTrail audit) : IRequestHandler<Query, IReadOnlyList<Entry>>
    {
        public async Task<IReadOnlyList<Entry>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Referrals.AnyAsync(r => r.Id == query.ReferralId, cancellationToken))
                throw new NotFoundException("The referral");
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(a => a.ReferralId == query.ReferralId)
                .OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new Entry(a.At, a.UserId, a.UserName, a.Role, a.AgencyCode, a.Action, a.CorrelationId))
                .ToListAsync(cancellationToken);
            // The trail names who read the child's record: reading it is itself a read, and shows in the trail from then on.
            audit.Record(AuditActions.AuditTrailRead, query.ReferralId);
            await save.SaveAsync(cancellationToken);
            return entries;
        }
    }
}
