namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Moments the tests start from. The service reads all time through the app's FakeTimeProvider (ReferralsApp.Clock):
/// tests move it on with Advance, and set it to a date with AdjustTime, which may go back (a shared app starts each
/// test at the same moment) and, like a change of the system clock, fires no timer.
/// </summary>
public static class TestClock
{
    /// <summary>Tuesday 24 November 2026, 10:00 in London (GMT).</summary>
    public static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
}
