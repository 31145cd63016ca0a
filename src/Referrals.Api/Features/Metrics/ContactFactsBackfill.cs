using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Brings the figures' summaries up to date at start, after an upgrade or a restore from a backup made
/// without them: summarises referrals that have no contact facts (oldest first, so each re-referral count
/// sees the referrals before it), fills in times to decision on facts written before they were kept, brings
/// each contact's agency type, referral source, council area and locality into line with the agency directory (a council that
/// corrects an agency's type corrects its history), and works the fortnight totals out again if they do not
/// account for every contact or an agency was re-typed.
/// </summary>
public static class ContactFactsBackfill
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await SummariseMissingAsync(services, cancellationToken);
        await KnowBabiesAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var filled = await FillHoursToDecisionAsync(db, cancellationToken);
        var referred = await KnowReferralsAsync(db, cancellationToken);
        var retyped = await RetypeAsync(db, scope.ServiceProvider.GetRequiredService<AgencyDirectory>(), cancellationToken);
        var anchor = scope.ServiceProvider.GetRequiredService<MetricsOptions>().FortnightAnchor;
        // Rebuilt totals give every fortnight a new revision, so no instance goes on with times to decision it read before.
        if (filled || referred || retyped || !await FortnightTotals.AreCompleteAsync(db, anchor, cancellationToken))
            await FortnightTotals.RebuildAsync(db, anchor, cancellationToken);
    }

    /// <summary>
    /// Contacts whose agency the directory now types, codes or places differently; one statement an agency, touching
    /// only the rows that differ, so a start with nothing to change writes nothing. True when any row changed: the
    /// totals are kept by agency type, and are worked out again.
    /// </summary>
    private static async Task<bool> RetypeAsync(ReferralsDbContext db, AgencyDirectory agencies, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var agency in agencies.All)
        {
            var source = ReferralSource.For(agency.Type).Value;
            changed += await db.ContactFacts
                .Where(f => f.AgencyCode == agency.Code
                    && (f.AgencyType != agency.Type || f.SourceCode != source || f.Locality != agency.Locality || f.Area != agency.Area))
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.AgencyType, agency.Type).SetProperty(f => f.SourceCode, source)
                    .SetProperty(f => f.Locality, agency.Locality).SetProperty(f => f.Area, agency.Area), cancellationToken);
        }
        return changed > 0;
    }

    private static async Task SummariseMissingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using (var check = services.CreateScope())
        {
            // The common case, every contact summarised, is settled by two counts instead of a search.
            var db = check.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            if (await db.Contacts.CountAsync(cancellationToken) == await db.ContactFacts.CountAsync(cancellationToken)) return;
        }
        while (true)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            var missing = await db.Referrals.AsNoTracking()
                .Where(r => db.Contacts.Any(c => c.ReferralId == r.Id && !db.Set<ContactFact>().Any(f => f.ContactId == c.Id)))
                .OrderBy(r => r.ReceivedAt).Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
            if (missing.Count == 0) return;
            var referrals = await db.Referrals.WithEverything().Include(r => r.Concerns).Where(r => missing.Contains(r.Id))
                .OrderBy(r => r.ReceivedAt).ToListAsync(cancellationToken);
            var writer = scope.ServiceProvider.GetRequiredService<ContactFactsWriter>();
            try
            {
                await db.InTransactionAsync(async cancellation =>
                {
                    var totals = await writer.WriteAsync(db, writer.Summarise(referrals), [], cancellation);
                    await db.SaveChangesAsync(cancellation);
                    await totals.ApplyAsync(db, cancellation);
                }, cancellationToken);
            }
            catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
            {
                // Another instance starting at the same time summarised some of them first: look again.
            }
        }
    }

    /// <summary>
    /// Referrals stored before babies came first: whether each is about a baby, and its place in the queue. Saved through
    /// the referral, so its contact facts and the fortnight totals follow in the same transaction. Once per database.
    /// </summary>
    private static async Task KnowBabiesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
            // Loaded with what refreshing their facts reads, so a batch is a few queries rather than some per referral.
            var batch = await db.Referrals.Where(r => r.AboutABaby == null).OrderBy(r => r.Id).Take(500)
                .Include(r => r.Contacts).Include(r => r.Decisions).Include(r => r.InformationRequests).AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            foreach (var referral in batch) referral.KnowWhetherAboutABaby();
            try
            {
                await scope.ServiceProvider.GetRequiredService<UnitOfWork>().SaveAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance starting at the same time, or a change to one of them: look again.
            }
        }
    }

    /// <summary>
    /// Contacts decided before referrals were told apart from contacts: when each accepted one became a referral (its final
    /// decision's time), then every referral count of their children. Once per database; true when anything changed, as
    /// the totals count referrals and re-referrals.
    /// </summary>
    private static async Task<bool> KnowReferralsAsync(ReferralsDbContext db, CancellationToken cancellationToken)
    {
        var accepted = new[] { DecisionOutcome.SocialCareAssessment, DecisionOutcome.StrategyDiscussion };
        var filled = false;
        while (true)
        {
            var facts = await db.ContactFacts.Where(f => f.Outcome != null && accepted.Contains(f.Outcome.Value) && f.ReferredAt == null)
                .OrderBy(f => f.ContactId).Take(1000).ToListAsync(cancellationToken);
            if (facts.Count == 0) break;
            var ids = facts.Select(f => f.ContactId).ToList();
            var decided = await db.ChildDecisions.AsNoTracking().Where(d => ids.Contains(d.ContactId) && d.State == DecisionState.Final)
                .ToDictionaryAsync(d => d.ContactId, d => d.DecidedAt, cancellationToken);
            foreach (var fact in facts) fact.ReferredAt = decided[fact.ContactId];
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled = true;
        }
        if (!filled) return false;
        var children = await db.ContactFacts.Where(f => f.ReferredAt != null).Select(f => f.ChildKey).Distinct().ToListAsync(cancellationToken);
        foreach (var batch in children.Chunk(500))
        {
            var facts = await db.ContactFacts.Where(f => batch.Contains(f.ChildKey)).ToListAsync(cancellationToken);
            foreach (var child in facts.GroupBy(f => f.ChildKey, StringComparer.Ordinal)) ContactFact.CountReferrals(child.ToList());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>Facts decided before the time to decision was kept; none once the service has started once since.</summary>
    private static async Task<bool> FillHoursToDecisionAsync(ReferralsDbContext db, CancellationToken cancellationToken)
    {
        for (var filled = false; ; filled = true)
        {
            var facts = await db.ContactFacts.Where(f => f.DecidedAt != null && f.HoursToDecision == null).OrderBy(f => f.ContactId).Take(1000)
                .ToListAsync(cancellationToken);
            if (facts.Count == 0) return filled;
            foreach (var fact in facts) fact.KeepHoursToDecision();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
