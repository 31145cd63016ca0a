using Referrals.Api.Data;
using Referrals.Api.Data.Saving;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The save step that keeps the figures in step with the record: a received referral's contact facts, a changed one's
/// brought up to date (ContactFactsWriter), and what they add to the period totals written last before the commit, as
/// a totals row is shared by every change to its group that period and so is held as briefly as possible.
/// </summary>
public sealed class FiguresSaveStep(ContactFactsWriter writer) : ISaveStep
{
    private IReadOnlyList<ContactFactsWriter.Received> _received = [];
    private FortnightTotals.Changes? _totals;

    public void Prepare(ChangesToSave changes)
    {
        _received = writer.Summarise(changes.Received);
        _totals = null;
    }

    public async Task BeforeWritingAsync(ReferralsDbContext db, ChangesToSave changes, CancellationToken cancellationToken) =>
        _totals = await writer.WriteAsync(db, _received, changes.Changed, cancellationToken);

    public Task AfterWritingAsync(ReferralsDbContext db, CancellationToken cancellationToken) =>
        _totals?.ApplyAsync(db, cancellationToken) ?? Task.CompletedTask;
}
