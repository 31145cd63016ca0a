using System.Text.Json;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Called by the DbContext while it saves changes to referrals, inside their transaction: writes a
/// new referral's contact facts (with the re-referral count, worked out once at receipt), and brings
/// a changed referral's up to date. So the summary the figures read is never out of step with the record.
/// Returns what the changes add to the fortnight totals, for the caller to apply in the same transaction.
/// </summary>
public sealed class ContactFactsWriter(AgencyDirectory agencies, WorkingDayCalendar calendar, MetricsOptions metrics)
{
    public async Task<FortnightTotals.Changes> WriteAsync(ReferralsDbContext db, IReadOnlyList<Referral> added, IReadOnlyList<Referral> changed,
        CancellationToken cancellationToken)
    {
        var totals = new FortnightTotals.Changes(metrics.FortnightAnchor);
        var received = new List<ContactFact>();
        foreach (var referral in added)
        {
            var earlier = await EarlierReferralsAsync(db, referral, cancellationToken);
            var form = JsonSerializer.Deserialize<ReferralForm>(referral.SubmissionJson, Json.Options)!;
            var quality = JsonSerializer.Deserialize<QualityRubric.Assessment>(referral.QualityJson, Json.Options)!;
            received.AddRange(referral.Contacts.Select(contact => Summarise(referral, contact, form, quality,
                earlier.Where(e => KnownChildren.MatchedOn(KnownChildren.Child.Of(contact), e.Child) is not null).Select(e => e.ReferralId).Distinct().Count())));
        }
        await FortnightTotals.ClaimChildrenAsync(db, received, metrics.FortnightAnchor, cancellationToken);
        foreach (var fact in received)
        {
            db.ContactFacts.Add(fact);
            totals.Add(fact);
        }

        foreach (var referral in changed)
        {
            // A referral changed without its triage loaded (by a maintenance script, say) still refreshes correctly.
            var entry = db.Entry(referral);
            foreach (var navigation in new[] { nameof(Referral.Contacts), nameof(Referral.Decisions), nameof(Referral.InformationRequests) })
                if (!entry.Collection(navigation).IsLoaded) await entry.Collection(navigation).LoadAsync(cancellationToken);
            var facts = await db.ContactFacts.Where(f => f.ReferralId == referral.Id).ToListAsync(cancellationToken);
            foreach (var fact in facts)
            {
                totals.Add(fact, -1);
                fact.Refresh(referral, referral.Contacts.Single(c => c.Id == fact.ContactId), calendar);
                totals.Add(fact);
            }
        }
        return totals;
    }

    /// <param name="earlierReferrals">Referrals for the same child received in the 12 months before this one (withdrawn and duplicates aside).</param>
    public ContactFact Summarise(Referral referral, Contact contact, ReferralForm form, QualityRubric.Assessment quality, int earlierReferrals)
    {
        bool Met(string code) => quality.Findings.Any(f => f.Code == code && f.Met);
        var agency = agencies.Find(referral.AgencyCode);
        var child = form.Children![contact.Position];
        var fact = new ContactFact
        {
            ContactId = contact.Id, ReferralId = referral.Id, FirstOnReferral = contact.Position == 0, ReceivedAt = referral.ReceivedAt,
            ChildKey = ContactFact.KeyFor(KnownChildren.Child.Of(contact), contact.Id),
            AgencyCode = referral.AgencyCode, AgencyType = agency?.Type ?? AgencyType.Anonymous,
            SourceCode = (agency is null ? ReferralSource.Unknown : ReferralSource.For(agency.Type)).Value,
            Locality = agency?.Locality ?? "", Channel = referral.Channel,
            ConcernCategories = string.Join(',', referral.Concerns.Select(c => c.CategoryCode).Order(StringComparer.Ordinal)),
            Gender = child.Gender, Ethnicity = child.Ethnicity,
            QualityScore = referral.QualityScore, ConsentAddressed = Met("consent-addressed"), ChildsVoice = Met("childs-voice"),
            ActionsTaken = Met("actions-taken"), ReferrerLevel = referral.LevelOfNeed,
            DecisionDueAt = referral.DecisionDueAt,
            ReReferral = earlierReferrals > 0, ReferralsInTwelveMonths = earlierReferrals + 1,
        };
        fact.Refresh(referral, contact, calendar);
        return fact;
    }

    private sealed record Earlier(Guid ReferralId, KnownChildren.Child Child);

    /// <summary>Contacts on earlier referrals that count towards a re-referral of children on this one (KnownChildren.IsReReferral).</summary>
    private static async Task<List<Earlier>> EarlierReferralsAsync(ReferralsDbContext db, Referral referral, CancellationToken cancellationToken)
    {
        // The window is narrowed in SQL so the index on receipt serves; the rule itself is IsReReferral's.
        var since = referral.ReceivedAt.AddMonths(-12);
        var candidates = await db.Contacts.AsNoTracking().MayBeTheSameChildrenAs(referral)
            .Join(db.Referrals.Where(r => r.ReceivedAt >= since && r.ReceivedAt < referral.ReceivedAt),
                c => c.ReferralId, r => r.Id, (c, r) => new { r.Id, r.ReceivedAt, r.Status, c.NhsNumber, c.NormalisedName, c.DateOfBirth })
            .ToListAsync(cancellationToken);
        return candidates.Where(c => KnownChildren.IsReReferral(referral.ReceivedAt, c.ReceivedAt, c.Status))
            .Select(c => new Earlier(c.Id, new KnownChildren.Child(c.NhsNumber, c.NormalisedName, c.DateOfBirth))).ToList();
    }
}
