using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = new();

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Weekday_receipt_is_due_at_the_same_time_next_working_day() =>
        Assert.Equal(Utc(2026, 11, 25, 10, 15), _calendar.DecisionDue(Utc(2026, 11, 24, 10, 15)));

    [Fact]
    public void Friday_receipt_is_due_on_monday() =>
        Assert.Equal(Utc(2026, 11, 30, 16), _calendar.DecisionDue(Utc(2026, 11, 27, 16)));

    [Fact]
    public void Saturday_receipt_counts_from_nine_on_monday_and_is_due_nine_on_tuesday() =>
        Assert.Equal(Utc(2026, 12, 1, 9), _calendar.DecisionDue(Utc(2026, 11, 28, 23, 30)));

    [Fact]
    public void Late_friday_night_in_summer_is_a_london_friday_not_a_utc_saturday()
    {
        // 23:30 BST on Friday 26 June 2026 is 22:30 UTC: a Friday receipt, due 23:30 BST on Monday.
        Assert.Equal(Utc(2026, 6, 29, 22, 30), _calendar.DecisionDue(Utc(2026, 6, 26, 22, 30)));
    }

    [Fact]
    public void Due_time_keeps_the_london_clock_time_across_the_spring_clock_change()
    {
        // Friday 27 March 2026 10:00 GMT; clocks go forward on Sunday 29 March; due Monday 10:00 BST = 09:00 UTC.
        Assert.Equal(Utc(2026, 3, 30, 9), _calendar.DecisionDue(Utc(2026, 3, 27, 10)));
    }

    [Fact]
    public void Due_time_keeps_the_london_clock_time_across_the_autumn_clock_change()
    {
        // Friday 23 October 2026 10:00 BST (09:00 UTC); clocks go back on Sunday 25 October; due Monday 10:00 GMT.
        Assert.Equal(Utc(2026, 10, 26, 10), _calendar.DecisionDue(Utc(2026, 10, 23, 9)));
    }
}
