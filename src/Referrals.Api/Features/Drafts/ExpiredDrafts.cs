using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;

namespace Referrals.Api.Features.Drafts;

/// <summary>
/// Deletes drafts left unsaved past the days the council keeps them, with their documents. Until the sweep comes, an
/// expired draft is already gone to its author (every read asks for one that has not expired). Each deletion is
/// audited, to the service itself.
/// </summary>
public sealed class ExpiredDrafts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExpiredDrafts> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private const int PerSweep = 500;

    /// <summary>One sweep: deletes what has expired by now; how many drafts it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var now = clock.GetUtcNow();
        var deleted = 0;
        while (true)
        {
            var expired = await db.Drafts.AsNoTracking().Where(d => d.ExpiresAt <= now).OrderBy(d => d.ExpiresAt)
                .Select(d => d.Id).Take(PerSweep).ToListAsync(cancellationToken);
            if (expired.Count == 0) return deleted;
            await db.InTransactionAsync(async cancellation =>
            {
                // Only what is still expired: a draft saved since the look above is kept, with its documents.
                await db.Drafts.Where(d => expired.Contains(d.Id) && d.ExpiresAt <= now).ExecuteDeleteAsync(cancellation);
                var kept = await db.Drafts.Where(d => expired.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellation);
                expired = expired.Except(kept).ToList();
                await AttachmentStore.DeleteForDraftsAsync(db, expired, cancellation);
                AuditTrail.RecordByTheService(db, AuditActions.DraftExpired, expired, now, "draft-expiry");
                await db.SaveChangesAsync(cancellation);
            }, cancellationToken);
            deleted += expired.Count;
            log.LogInformation("Deleted {Count} drafts left unsaved past their expiry", expired.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Draft expiry sweep failed ({Error}); it runs again within the hour", e.GetType().Name);
            }
            await Task.Delay(Every, clock, stoppingToken);
        }
    }
}
