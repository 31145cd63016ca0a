namespace Referrals.Api.Features.Metrics;

/// <summary>Configuration section "Metrics".</summary>
public sealed class MetricsOptions
{
    /// <summary>The first day of a fortnight of the performance group's cycle; every fortnight starts 14n days from it.</summary>
    public DateOnly FortnightAnchor { get; set; } = new(2026, 1, 5);
    /// <summary>Counts below this (and figures worked out from them) are suppressed for analysts. National statistics use 5.</summary>
    public int SuppressionThreshold { get; set; } = 5;

    public MetricsOptions Checked() => SuppressionThreshold is >= 1 and <= 100 ? this
        : throw new InvalidOperationException("Metrics:SuppressionThreshold must be between 1 and 100.");
}
