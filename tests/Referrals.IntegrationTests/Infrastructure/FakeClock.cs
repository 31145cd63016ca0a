namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>A clock the tests set and move; the service reads all time through it.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Tuesday 24 November 2026, 10:00 in London (GMT).</summary>
    public static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
    public void Set(DateTimeOffset now) => _now = now;
    public void Advance(TimeSpan by) => _now += by;
}
