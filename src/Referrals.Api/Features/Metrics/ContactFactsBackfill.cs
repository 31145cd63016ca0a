using Referrals.Api.Features.Referrals;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Summarises, at start, referrals received before contact facts existed (or restored from a backup
/// without them), oldest first so each re-referral count sees the referrals before it.
/// </summary>
public static class ContactFactsBackfill
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
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
            await scope.ServiceProvider.GetRequiredService<ContactFactsWriter>().WriteAsync(db, referrals, [], cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
            {
                // Another instance starting at the same time summarised some of them first: look again.
            }
        }
    }
}
