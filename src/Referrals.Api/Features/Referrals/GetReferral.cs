using Referrals.Api.Features.Audit;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// One referral. A referrer sees only its own agency's (another agency's answers 404, as if it did
/// not exist) and never the triage: rationale, checks, RAG, history or earlier referrals.
/// </summary>
public static class GetReferral
{
    public sealed record Query(Guid Id) : IRequest<ReferralDetail>;

    /// <param name="InformationRequests">Questions the First Contact Team asked the referrer, and the answers.</param>
    /// <param name="Triage">The First Contact Team's work on the referral; present for practitioners and managers only.</param>
    /// <param name="AboutABaby">About an unborn baby or a baby under one at receipt: first in its RAG band in the queue.</param>
    /// <param name="ConsentToBeSought">An early help request made without the family's consent: the team seeks it, or decides without it.</param>
    public sealed record ReferralDetail(
        Guid Id, string Reference, ReferralStatus Status, AgencySummary Agency, Channel Channel,
        DateTimeOffset ReceivedAt, DateTimeOffset DecisionDueAt, string ReferrerName, string SubmittedBy, string SubmittedByRole,
        [property: System.Text.Json.Serialization.JsonConverter(typeof(LevelOfNeedOrNotKnown))] int? LevelOfNeed, RiskLevel Risk,
        bool AnyChildNotSafeNow, bool ConsentToBeSought, bool AboutABaby, IReadOnlyList<ContactSummary> Contacts,
        QualityRubric.Assessment Quality, Withdrawal? Withdrawal, IReadOnlyList<InformationRequestView> InformationRequests,
        TriageView? Triage, int Version);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, CurrentUser user, ReferralDetails details, AuditTrail audit)
        : IRequestHandler<Query, ReferralDetail>
    {
        public async Task<ReferralDetail> Handle(Query query, CancellationToken cancellationToken)
        {
            var referral = await db.Referrals.AsNoTracking().WithEverything().VisibleTo(user)
                .SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The referral");
            audit.Record(AuditActions.Read, referral.Id);
            await db.SaveChangesAsync(cancellationToken);
            return await details.For(referral, cancellationToken);
        }
    }
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

    /// <summary>
    /// Contacts on other referrals that could be the same children as this one's: the same NHS number,
    /// or the same normalised name with a date of birth. KnownChildren.MatchedOn then decides.
    /// </summary>
    public static IQueryable<Contact> MayBeTheSameChildrenAs(this IQueryable<Contact> contacts, Referral referral)
    {
        var (nhsNumbers, names) = ChildIdentifiers(referral);
        return contacts.Where(c => c.ReferralId != referral.Id && (nhsNumbers.Contains(c.NhsNumber!) || (c.DateOfBirth != null && names.Contains(c.NormalisedName))));
    }

    /// <summary>What the search for the same children goes by: the children's NHS numbers, and the names of those with a date of birth.</summary>
    public static (List<string> NhsNumbers, List<string> Names) ChildIdentifiers(Referral referral) => (
        referral.Contacts.Where(c => c.NhsNumber is not null).Select(c => c.NhsNumber!).Distinct().ToList(),
        referral.Contacts.Where(c => c.DateOfBirth is not null && KnownChildren.IsFullName(c.NormalisedName)).Select(c => c.NormalisedName).Distinct().ToList());

    /// <summary>The referral and its children's decisions, for what is told about them.</summary>
    public static IQueryable<Referral> WithDecisions(this IQueryable<Referral> referrals) =>
        referrals.Include(r => r.Contacts).Include(r => r.Decisions).AsSplitQuery();

    /// <summary>The referral with everything triage adds to it, loaded in one query per collection.</summary>
    public static IQueryable<Referral> WithEverything(this IQueryable<Referral> referrals) =>
        referrals.Include(r => r.Contacts).Include(r => r.Transitions).Include(r => r.InformationRequests)
            .Include(r => r.RagRatings).Include(r => r.Checks).Include(r => r.Decisions).AsSplitQuery();
}
