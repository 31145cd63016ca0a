namespace Referrals.Api.Features.Metrics;

public enum Interval { Fortnight, Week, Month }

/// <summary>London calendar periods: weeks from Monday, months, and fortnights from the performance group's anchor date.</summary>
public static class Periods
{
    public static DateOnly StartOf(DateOnly day, Interval interval, DateOnly anchor) => interval switch
    {
        Interval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Interval.Month => new DateOnly(day.Year, day.Month, 1),
        Interval.Fortnight => anchor.AddDays((int)Math.Floor((day.DayNumber - anchor.DayNumber) / 14.0) * 14),
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };

    public static DateOnly NextStart(DateOnly start, Interval interval) => interval switch
    {
        Interval.Week => start.AddDays(7),
        Interval.Month => start.AddMonths(1),
        Interval.Fortnight => start.AddDays(14),
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };

    /// <summary>The last day of the period a day falls in.</summary>
    public static DateOnly EndOf(DateOnly day, Interval interval, DateOnly anchor) => NextStart(StartOf(day, interval, anchor), interval).AddDays(-1);

    /// <summary>The periods from..to (inclusive London days), the first and last cut to the range.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Split(DateOnly from, DateOnly to, Interval interval, DateOnly anchor)
    {
        var periods = new List<(DateOnly, DateOnly)>();
        for (var start = StartOf(from, interval, anchor); start <= to; start = NextStart(start, interval))
        {
            var end = NextStart(start, interval).AddDays(-1);
            periods.Add((start < from ? from : start, end > to ? to : end));
        }
        return periods;
    }
}
