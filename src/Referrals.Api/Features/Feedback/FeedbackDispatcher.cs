using System.Diagnostics;
using System.Net.Mail;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// Works off due notices: claims each one (a conditional UPDATE only one worker can win, across
/// every API instance on the database), sends it, and records the result. At least once: a worker
/// that dies after sending but before recording leaves its claim to lapse, and the notice is sent again
/// with the same event id. A subscription's notices go out in feed order: one waits while an earlier one is pending.
/// </summary>
public sealed class FeedbackDispatcher(
    IServiceScopeFactory scopes, FeedbackOptions options, TimeProvider clock, IHttpClientFactory http, ILogger<FeedbackDispatcher> log,
    ServiceMetrics metrics)
{
    public const string HttpClientName = "webhooks";
    public const string Unreachable = "The receiver could not be reached, or did not answer in time.";

    private readonly RetrySchedule _schedule = new(options.Delivery);

    /// <summary>Who holds a claim: unique to this worker in this process.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>One pass: sends what is due now. Returns how many notices this worker attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.FeedbackDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .Where(d => d.Channel == FeedbackChannel.Email || !db.Set<FeedbackDelivery>().Any(earlier =>
                earlier.SubscriptionId == d.SubscriptionId && earlier.Status == DeliveryStatus.Pending && earlier.EventSequence < d.EventSequence))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.EventSequence)
            .Take(options.Delivery.BatchSize)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);

        var attempted = 0;
        foreach (var id in due)
        {
            if (!await ClaimAsync(db, id, cancellationToken)) continue;
            attempted++;
            await AttemptAsync(db, id, cancellationToken);
        }
        return attempted;
    }

    private async Task<bool> ClaimAsync(ReferralsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Delivery.ClaimFor;
        return await InTurnAsync(db, () => db.FeedbackDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, WorkerId).SetProperty(d => d.ClaimedUntil, until), cancellationToken),
            cancellationToken) == 1;
    }

    /// <summary>
    /// A write in a transaction of its own, so that on SQLite it takes its turn at the write gate like every other write
    /// instead of sleeping in SQLite's busy retries while submissions hold the lock.
    /// </summary>
    private static Task<int> InTurnAsync(ReferralsDbContext db, Func<Task<int>> write, CancellationToken cancellationToken) =>
        db.InTransactionAsync(_ => write(), cancellationToken);

    private async Task AttemptAsync(ReferralsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var delivery = await db.FeedbackDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        var raised = await db.FeedbackEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, cancellationToken);
        // Its own trace: the worker serves no request. Kinds and counts only, never the receiver's address or the event.
        using var span = Telemetry.Source.StartActivity("feedback deliver", ActivityKind.Internal, parentContext: default);
        span?.SetTag("feedback.channel", EnumWords.Of(delivery.Channel));
        span?.SetTag("feedback.event_type", EnumWords.Of(raised.Type));
        span?.SetTag("feedback.attempt", delivery.Attempts + 1);
        string? error;
        var giveUpNow = false;
        if (delivery.Channel == FeedbackChannel.Webhook)
        {
            var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
            (error, giveUpNow) = subscription.RemovedAt is null ? (await PostAsync(subscription, raised, cancellationToken), false) : ("The subscription was removed.", true);
        }
        else
        {
            error = await EmailAsync(delivery.Recipient!, raised, cancellationToken);
        }
        await RecordAsync(db, delivery, raised, error, giveUpNow, cancellationToken);
    }

    private async Task<string?> PostAsync(WebhookSubscription subscription, FeedbackEvent raised, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(FeedEvent.Of(raised), Json.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, clock.GetUtcNow(), body));
        request.Headers.Add(WebhookSignature.EventIdHeader, raised.Id.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Delivery.Timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Activity.Current?.SetTag("http.response.status_code", (int)response.StatusCode);
            return response.IsSuccessStatusCode ? null : $"The receiver answered {(int)response.StatusCode}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Plain categories only: which of refused, reset, unresolved or silent it was would map the network.
            return e.InnerException is ReceiverRefusedException ? ReceiverAddresses.RefusedMessage : Unreachable;
        }
    }

    private async Task<string?> EmailAsync(string recipient, FeedbackEvent raised, CancellationToken cancellationToken)
    {
        var email = options.Email;
        using var message = EmailNotice.For(email, recipient, raised);
        using var smtp = new SmtpClient(email.Host, email.Port) { EnableSsl = email.EnableSsl };
        if (email.UserName is { Length: > 0 }) smtp.Credentials = new System.Net.NetworkCredential(email.UserName, email.Password);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Delivery.Timeout);
        try
        {
            await smtp.SendMailAsync(message, timeout.Token);
            return null;
        }
        catch (Exception e) when (e is SmtpException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e switch
            {
                SmtpException { StatusCode: not SmtpStatusCode.GeneralFailure } refused => $"The mail server refused it ({refused.StatusCode}).",
                OperationCanceledException => "The mail server did not answer in time.",
                _ => "The mail server could not be reached.",
            };
        }
    }

    private async Task RecordAsync(ReferralsDbContext db, FeedbackDelivery delivery, FeedbackEvent raised, string? error, bool giveUpNow, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var status = error is null ? DeliveryStatus.Delivered
            : giveUpNow || _schedule.GivesUp(raised.OccurredAt, now) ? DeliveryStatus.Failed
            : DeliveryStatus.Pending;
        var next = now + _schedule.WaitAfter(attempts, Random.Shared.NextDouble());
        // Only while the claim is still this worker's: if it lapsed, another worker owns the notice now.
        var recorded = await InTurnAsync(db, () => db.FeedbackDeliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == WorkerId)
            .ExecuteUpdateAsync(s =>
        {
            s.SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null);
            if (status == DeliveryStatus.Delivered) s.SetProperty(d => d.DeliveredAt, now);
            else if (status == DeliveryStatus.Failed) s.SetProperty(d => d.FailedAt, now);
            else s.SetProperty(d => d.NextAttemptAt, next);
        }, cancellationToken), cancellationToken);
        if (status == DeliveryStatus.Delivered)
            log.LogDebug("{Channel} notice {DeliveryId} of event {EventId} delivered by {WorkerId} (attempt {Attempts})",
                delivery.Channel, delivery.Id, raised.Id, WorkerId, attempts);
        else if (status == DeliveryStatus.Failed)
            log.LogWarning("Gave up on {Channel} notice {DeliveryId} of event {EventId} after {Attempts} attempts: {Error}",
                delivery.Channel, delivery.Id, raised.Id, attempts, error);
        else if (status == DeliveryStatus.Pending)
            log.LogInformation("{Channel} notice {DeliveryId} failed (attempt {Attempts}): {Error}; next try at {NextAttemptAt:O}",
                delivery.Channel, delivery.Id, attempts, error, next);
        var result = status switch { DeliveryStatus.Delivered => "delivered", DeliveryStatus.Failed => "failed", _ => "retry" };
        metrics.DeliveryAttempted(EnumWords.Of(delivery.Channel), result);
        Activity.Current?.SetTag("feedback.result", result);
        if (status != DeliveryStatus.Delivered) Activity.Current?.SetStatus(ActivityStatusCode.Error, result);
        if (recorded == 0)
            log.LogWarning("The claim on notice {DeliveryId} lapsed before its result was recorded; another worker will send it again.", delivery.Id);
    }
}
