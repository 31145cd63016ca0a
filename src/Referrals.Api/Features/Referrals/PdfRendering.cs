using Referrals.Api.Common;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// A PDF copy takes a core for as long as it renders: eight partners fetching them at once slowed even the health check
/// to 0.7 s. So at most Limits:PdfRendersAtOnce render at a time, off the request's thread; the rest wait up to
/// Limits:PdfWait and are then told to try again (503), while everything else goes on at its own pace.
/// </summary>
public sealed class PdfRendering(RequestLimits limits)
{
    internal SemaphoreSlim Slots { get; } = new(limits.PdfRendersAtOnce, limits.PdfRendersAtOnce);

    /// <summary>The PDF, or null if no slot came free in time.</summary>
    public async Task<byte[]?> RenderAsync(GetSubmission.SubmissionCopy copy, CancellationToken cancellationToken)
    {
        if (!await Slots.WaitAsync(limits.PdfWait, cancellationToken)) return null;
        try
        {
            return await Task.Run(() => SubmissionPdf.Of(copy), cancellationToken);
        }
        finally
        {
            Slots.Release();
        }
    }
}
