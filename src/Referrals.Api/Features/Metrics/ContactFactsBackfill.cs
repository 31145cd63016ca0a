using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Brings the figures' summaries up to date at start, after an upgrade or a restore from a backup made
/// without them: summarises referrals that have no contact facts (oldest first, so each re-referral count
/// sees the referrals before it), fills in times to decision on facts written before they were kept, and
/// works the fortnight totals out again if they do not account for every contact.
/// </summary>
public static class ContactFactsBackfill
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await SummariseMissingAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        await FillHoursToDecisionAsync(db, cancellationToken);
        var anchor = scope.ServiceProvider.GetRequiredService<MetricsOptions>().FortnightAnchor;
        if (!await FortnightTotals.AreCompleteAsync(db, anchor, cancellationToken)) await FortnightTotals.RebuildAsync(db, anchor, cancellationToken);
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
                .Where(r => db.Contacts.Any(c => c.ReferralId == r.Id && !db.ContactFacts.Any(f => f.ContactId == c.Id)))
                .OrderBy(r => r.ReceivedAt).Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
            if (missing.Count == 0) return;
            var referrals = await db.Referrals.WithEverything().Include(r => r.Concerns).Where(r => missing.Contains(r.Id))
                .OrderBy(r => r.ReceivedAt).ToListAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var writer = scope.ServiceProvider.GetRequiredService<ContactFactsWriter>();
            var totals = await writer.WriteAsync(db, writer.Summarise(referrals), [], cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await totals.ApplyAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
            {
                // Another instance starting at the same time summarised some of them first: look again.
            }
        }
    }

    /// <summary>Facts decided before the time to decision was kept; none once the service has started once since.</summary>
    private static async Task FillHoursToDecisionAsync(ReferralsDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var facts = await db.ContactFacts.Where(f => f.DecidedAt != null && f.HoursToDecision == null).Take(1000).ToListAsync(cancellationToken);
            if (facts.Count == 0) return;
            foreach (var fact in facts) fact.KeepHoursToDecision();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
