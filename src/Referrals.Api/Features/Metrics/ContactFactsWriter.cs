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
    /// <summary>A new referral's contact facts, one a child, in the order of its contacts.</summary>
    public sealed record Received(Referral Referral, IReadOnlyList<ContactFact> Facts);

    /// <summary>
    /// New referrals' contact facts from what is in memory, made before their transaction begins: on SQLite
    /// every other writer waits while it is open. Only the re-referral counts need the database (WriteAsync).
    /// </summary>
    public List<Received> Summarise(IEnumerable<Referral> added) => added.Select(referral =>
    {
        var form = referral.SubmittedForm ?? JsonSerializer.Deserialize<ReferralForm>(referral.SubmissionJson, Json.Options)!;
        var quality = referral.SubmittedQuality ?? JsonSerializer.Deserialize<QualityRubric.Assessment>(referral.QualityJson, Json.Options)!;
        return new Received(referral, referral.Contacts.Select(contact => Summarise(referral, contact, form, quality, earlierReferrals: 0)).ToList());
    }).ToList();

    public async Task<FortnightTotals.Changes> WriteAsync(ReferralsDbContext db, IReadOnlyList<Received> received, IReadOnlyList<Referral> changed,
        CancellationToken cancellationToken)
    {
        var totals = new FortnightTotals.Changes(metrics.FortnightAnchor);
        foreach (var (referral, facts) in received)
        {
            // Read inside the transaction, so a referral for the same child committed just before this one is counted.
            var earlier = await EarlierReferralsAsync(db, referral, cancellationToken);
            for (var i = 0; i < facts.Count; i++)
            {
                var child = KnownChildren.Child.Of(referral.Contacts[i]);
                facts[i].CountEarlierReferrals(earlier.Where(e => KnownChildren.MatchedOn(child, e.Child) is not null).Select(e => e.ReferralId).Distinct().Count());
            }
        }
        var made = received.SelectMany(r => r.Facts).ToList();
        await FortnightTotals.ClaimChildrenAsync(db, made, metrics.FortnightAnchor, cancellationToken);
        foreach (var fact in made)
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
            Locality = agency?.Locality ?? "", Area = agency?.Area ?? "", Channel = referral.Channel,
            ConcernCategories = string.Join(',', referral.Concerns.Select(c => c.CategoryCode).Order(StringComparer.Ordinal)),
            Gender = child.Gender, Ethnicity = CensusCodes.EthnicityCode(child.Ethnicity),
            QualityScore = referral.QualityScore, RubricVersion = referral.RubricVersion, ConsentAddressed = Met("consent-addressed"), ChildsVoice = Met("childs-voice"),
            ActionsTaken = Met("actions-taken"), ReferrerLevel = referral.LevelOfNeed,
            DecisionDueAt = referral.DecisionDueAt,
        };
        fact.CountEarlierReferrals(earlierReferrals);
        fact.Refresh(referral, contact, calendar);
        return fact;
    }

    private sealed record Earlier(Guid ReferralId, KnownChildren.Child Child);

    private sealed record Candidate(Guid Id, DateTimeOffset ReceivedAt, ReferralStatus Status, string? NhsNumber, string NormalisedName, DateOnly? DateOfBirth);

    // MayBeTheSameChildrenAs's search, written out because a compiled query cannot call it: compiled, as it runs
    // inside every submission's transaction (on SQLite, while other writers wait).
    private static readonly CompiledPerEngine<Func<ReferralsDbContext, Guid, DateTimeOffset, DateTimeOffset, List<string>, List<string>, IAsyncEnumerable<Candidate>>> Candidates =
        new(() => EF.CompileAsyncQuery((ReferralsDbContext db, Guid id, DateTimeOffset since, DateTimeOffset before, List<string> nhsNumbers, List<string> names) =>
            db.Contacts.AsNoTracking()
                .Where(c => c.ReferralId != id && (nhsNumbers.Contains(c.NhsNumber!) || (c.DateOfBirth != null && names.Contains(c.NormalisedName))))
                .Join(db.Referrals.Where(r => r.ReceivedAt >= since && r.ReceivedAt < before),
                    c => c.ReferralId, r => r.Id, (c, r) => new Candidate(r.Id, r.ReceivedAt, r.Status, c.NhsNumber, c.NormalisedName, c.DateOfBirth))));

    /// <summary>Contacts on earlier referrals that count towards a re-referral of children on this one (KnownChildren.IsReReferral).</summary>
    private static async Task<List<Earlier>> EarlierReferralsAsync(ReferralsDbContext db, Referral referral, CancellationToken cancellationToken)
    {
        // The window is narrowed in SQL so the index on receipt serves; the rule itself is IsReReferral's.
        var since = referral.ReceivedAt.AddMonths(-12);
        var (nhsNumbers, names) = ReferralVisibility.ChildIdentifiers(referral);
        var earlier = new List<Earlier>();
        await foreach (var c in Candidates.For(db)(db, referral.Id, since, referral.ReceivedAt, nhsNumbers, names).WithCancellation(cancellationToken))
            if (KnownChildren.IsReReferral(referral.ReceivedAt, c.ReceivedAt, c.Status))
                earlier.Add(new Earlier(c.Id, new KnownChildren.Child(c.NhsNumber, c.NormalisedName, c.DateOfBirth)));
        return earlier;
    }
}
