using System.Text.Json;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Called by the figures' save step (FiguresSaveStep) while a change to referrals is saved, inside its transaction:
/// writes a new referral's contact facts, and brings a changed referral's up to date, with the referral counts of each
/// child whose contact became a referral or stopped being one. So the summary the figures read is never out of step with the record. Returns what
/// the changes add to the fortnight totals, for the caller to apply in the same transaction.
/// </summary>
public sealed class ContactFactsWriter(AgencyDirectory agencies, WorkingDayCalendar calendar, MetricsOptions metrics)
{
    /// <summary>A new referral's contact facts, one a child, in the order of its contacts.</summary>
    public sealed record Received(Referral Referral, IReadOnlyList<ContactFact> Facts);

    /// <summary>
    /// New referrals' contact facts from what is in memory, made before their transaction begins: on SQLite every other
    /// writer waits while it is open. A contact is received undecided, so it is no referral yet and counts none.
    /// </summary>
    public List<Received> Summarise(IEnumerable<Referral> added) => added.Select(referral =>
    {
        var form = referral.SubmittedForm ?? JsonSerializer.Deserialize<ReferralForm>(referral.SubmissionJson, Json.Options)!;
        var quality = referral.SubmittedQuality ?? JsonSerializer.Deserialize<QualityRubric.Assessment>(referral.QualityJson, Json.Options)!;
        return new Received(referral, referral.Contacts.Select(contact => Summarise(referral, contact, form, quality)).ToList());
    }).ToList();

    public async Task<FortnightTotals.Changes> WriteAsync(ReferralsDbContext db, IReadOnlyList<Received> received, IReadOnlyList<Referral> changed,
        CancellationToken cancellationToken)
    {
        var totals = new FortnightTotals.Changes(metrics.FortnightAnchor);
        var made = received.SelectMany(r => r.Facts).ToList();
        await FortnightTotals.ClaimChildrenAsync(db, made, metrics.FortnightAnchor, cancellationToken);
        foreach (var fact in made)
        {
            db.ContactFacts.Add(fact);
            totals.Add(fact);
        }

        var referredChanged = new HashSet<string>(StringComparer.Ordinal);
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
                var referredAt = fact.ReferredAt;
                fact.Refresh(referral, referral.Contacts.Single(c => c.Id == fact.ContactId), calendar);
                if (fact.ReferredAt != referredAt) referredChanged.Add(fact.ChildKey);
                totals.Add(fact);
            }
        }
        // Contacts summarised after their decisions (a restore, an upgrade) may already be referrals.
        referredChanged.UnionWith(made.Where(f => f.ReferredAt is not null).Select(f => f.ChildKey));
        await CountReferralsAsync(db, referredChanged, made, totals, cancellationToken);
        return totals;
    }

    /// <summary>
    /// The referral counts of each child whose contact became a referral or stopped being one: every contact of the child
    /// is read (a few, through the index on the child's key), as tracked, so those changed in this save are seen as changed.
    /// </summary>
    private static async Task CountReferralsAsync(ReferralsDbContext db, IReadOnlyCollection<string> childKeys, IReadOnlyList<ContactFact> made,
        FortnightTotals.Changes totals, CancellationToken cancellationToken)
    {
        if (childKeys.Count == 0) return;
        var keys = childKeys.ToList();
        // Those made in this save are not in the database yet.
        var facts = (await db.ContactFacts.Where(f => keys.Contains(f.ChildKey)).ToListAsync(cancellationToken))
            .Concat(made.Where(f => childKeys.Contains(f.ChildKey))).DistinctBy(f => f.ContactId).ToList();
        foreach (var child in facts.GroupBy(f => f.ChildKey, StringComparer.Ordinal))
            ContactFact.CountReferrals(child.ToList(), changing: fact => totals.Add(fact, -1), changed: fact => totals.Add(fact));
    }

    public ContactFact Summarise(Referral referral, Contact contact, ReferralForm form, QualityRubric.Assessment quality)
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
            Locality = agency?.Locality ?? "", Area = agency?.Area ?? "", Channel = referral.Channel,
            ConcernCategories = string.Join(',', referral.Concerns.Select(c => c.CategoryCode).Order(StringComparer.Ordinal)),
            Gender = child.Gender, Ethnicity = CensusCodes.EthnicityCode(child.Ethnicity),
            QualityScore = referral.QualityScore, RubricVersion = referral.RubricVersion, ConsentAddressed = Met("consent-addressed"), ChildsVoice = Met("childs-voice"),
            ActionsTaken = Met("actions-taken"), ReferrerLevel = referral.LevelOfNeed,
            DecisionDueAt = referral.DecisionDueAt,
        };
        fact.Refresh(referral, contact, calendar);
        return fact;
    }
}
