namespace Referrals.Api.Features.Feedback;

/// <summary>
/// When a failed notice is tried again: exponential backoff with jitter, so receivers coming back
/// after an outage are not hit by every sender at once, and given up once the event is older than RetryFor.
/// </summary>
public sealed class RetrySchedule(DeliveryOptions options)
{
    /// <param name="failures">Failed attempts so far, counting the one just made (1 or more).</param>
    /// <param name="jitter">A number in [0, 1): the wait is between half and all of the backoff.</param>
    public TimeSpan WaitAfter(int failures, double jitter)
    {
        var doubled = options.FirstRetryAfter.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var backoff = Math.Min(doubled, options.MaxRetryInterval.TotalSeconds);
        return TimeSpan.FromSeconds(backoff * (0.5 + jitter / 2));
    }

    public bool GivesUp(DateTimeOffset occurredAt, DateTimeOffset now) => now - occurredAt >= options.RetryFor;
}
