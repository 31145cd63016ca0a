using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Features.Feedback;

/// <summary>Runs the dispatcher in the background of every API instance that enables it.</summary>
public sealed class FeedbackWorker(FeedbackDispatcher dispatcher, FeedbackOptions options, ILogger<FeedbackWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database that is briefly unavailable must not stop deliveries for good.
                log.LogError(e, "A feedback delivery pass failed; trying again shortly.");
            }
            if (attempted > 0) continue;
            try { await Task.Delay(options.Delivery.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
