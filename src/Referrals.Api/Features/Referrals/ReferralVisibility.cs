using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

[Seam]
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
