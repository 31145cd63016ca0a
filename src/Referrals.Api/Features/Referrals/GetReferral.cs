using System.Text.Json;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;

namespace Referrals.Api.Features.Referrals;

/// <summary>One referral. A referrer sees only its own agency's; another agency's answers 404, as if it did not exist.</summary>
public static class GetReferral
{
    public sealed record Query(Guid Id) : IRequest<ReferralDetail>;

    public sealed record ReferralDetail(
        Guid Id, string Reference, ReferralStatus Status, AgencySummary Agency, Channel Channel,
        DateTimeOffset ReceivedAt, DateTimeOffset DecisionDueAt, string ReferrerName, string SubmittedBy, string SubmittedByRole,
        int LevelOfNeed, RiskLevel Risk, bool AnyChildNotSafeNow, IReadOnlyList<ContactSummary> Contacts,
        QualityRubric.Assessment Quality, Withdrawal? Withdrawal, int Version);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, AgencyDirectory agencies, AuditTrail audit)
        : IRequestHandler<Query, ReferralDetail>
    {
        public async Task<ReferralDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().Include(r => r.Contacts)
                .VisibleTo(user)
                .SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            audit.Record(AuditActions.Read, referral.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Detail(referral, agencies);
        }
    }

    public static ReferralDetail Detail(Referral r, AgencyDirectory agencies) => new(
        r.Id, r.Reference, r.Status, AgencySummary.Of(r.AgencyCode, agencies), r.Channel, r.ReceivedAt, r.DecisionDueAt,
        r.ReferrerName, r.SubmittedByName, r.SubmittedByRole, r.LevelOfNeed, r.Risk, r.AnyChildNotSafeNow,
        r.Contacts.OrderBy(c => c.Position).Select(ReferralMapping.Summary).ToList(),
        JsonSerializer.Deserialize<QualityRubric.Assessment>(r.QualityJson, Json.Options)!,
        r.WithdrawnAt is { } at ? new Withdrawal(at, r.WithdrawalReason!) : null,
        r.Version);
}

public static class ReferralVisibility
{
    /// <summary>The one place that decides which referrals a user may see: a referrer, its agency's; the First Contact Team, all.</summary>
    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> referrals, CurrentUser user)
    {
        if (user.IsFirstContactTeam) return referrals;
        if (user.IsReferrer && user.AgencyCode is { } agency) return referrals.Where(r => r.AgencyCode == agency);
        return referrals.Where(_ => false);
    }
}
