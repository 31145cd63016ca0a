using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = new(new EnglandBankHolidays());

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

    [Fact]
    public void Christmas_2026_and_its_boxing_day_substitute_are_skipped()
    {
        // Thursday 24 December: Friday 25 is Christmas, 26 is a Saturday so Monday 28 is the substitute.
        Assert.Equal(Utc(2026, 12, 29, 14), _calendar.DecisionDue(Utc(2026, 12, 24, 14)));
    }

    [Fact]
    public void Receipt_on_good_friday_counts_from_nine_on_the_tuesday_after_easter()
    {
        // Good Friday 26 March 2027; Easter Monday 29 March; clocks go forward on 28 March.
        // Counted from 09:00 BST Tuesday 30 March, due 09:00 BST (08:00 UTC) Wednesday 31 March.
        Assert.Equal(Utc(2027, 3, 31, 8), _calendar.DecisionDue(Utc(2027, 3, 26, 11)));
    }

    [Fact]
    public void One_off_holidays_are_skipped()
    {
        // Friday 16 September 2022; Monday 19 September was the State Funeral.
        Assert.Equal(Utc(2022, 9, 20, 9), _calendar.DecisionDue(Utc(2022, 9, 16, 9)));
        // Thursday 7 May 2020 (BST); Friday 8 May was VE Day, the early May holiday moved from Monday 4 May.
        Assert.Equal(Utc(2020, 5, 11, 9), _calendar.DecisionDue(Utc(2020, 5, 7, 9)));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2020, 5, 4)));
    }

    [Fact]
    public void A_newly_announced_holiday_from_configuration_is_skipped()
    {
        var calendar = new WorkingDayCalendar(new EnglandBankHolidays([new DateOnly(2026, 11, 25)]));
        Assert.Equal(Utc(2026, 11, 26, 10), calendar.DecisionDue(Utc(2026, 11, 24, 10)));
    }

    [Fact]
    public void A_regular_holiday_the_government_moves_is_withdrawn_by_configuration_and_its_new_day_announced()
    {
        // Early May 2027 is Monday 3 May by rule; were it moved to Friday 7 May, Monday would be a working day again.
        var holidays = new EnglandBankHolidays(announced: [new DateOnly(2027, 5, 7)], withdrawn: [new DateOnly(2027, 5, 3)]);
        var calendar = new WorkingDayCalendar(holidays);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 5, 3)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 5, 7)));
        Assert.Equal(Utc(2027, 5, 3, 10), calendar.DecisionDue(Utc(2027, 4, 30, 10)));
        Assert.DoesNotContain(new DateOnly(2027, 5, 3), holidays.For(2027));
        Assert.Contains(new DateOnly(2027, 5, 7), holidays.For(2027));
    }

    [Fact]
    public void Withdrawing_a_day_that_is_no_regular_holiday_stops_the_start_rather_than_changing_nothing_unnoticed()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new EnglandBankHolidays(withdrawn: [new DateOnly(2027, 5, 4)]));
        Assert.Contains("2027-05-04", refused.Message);
    }

    /// <summary>England and Wales bank holidays as published on gov.uk, 2019 to 2030.</summary>
    public static TheoryData<int, string[]> PublishedBankHolidays => new()
    {
        { 2019, ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"] },
        { 2020, ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"] },
        { 2021, ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        { 2022, ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"] },
        { 2023, ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"] },
        { 2024, ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"] },
        { 2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"] },
        { 2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"] },
        { 2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        { 2028, ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"] },
        { 2029, ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"] },
        { 2030, ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"] },
    };

    [Theory, MemberData(nameof(PublishedBankHolidays))]
    public void Every_bank_holiday_of_the_year_matches_the_published_list(int year, string[] published)
    {
        var expected = published.Select(d => DateOnly.ParseExact($"{year}-{d}", "yyyy-MM-dd")).ToList();
        Assert.Equal(expected, new EnglandBankHolidays().For(year));
        Assert.All(expected, day => Assert.False(_calendar.IsWorkingDay(day)));
    }

    [Theory, MemberData(nameof(PublishedBankHolidays))]
    public void A_receipt_the_working_day_before_each_bank_holiday_is_due_after_it(int year, string[] published)
    {
        foreach (var holiday in published.Select(d => DateOnly.ParseExact($"{year}-{d}", "yyyy-MM-dd")))
        {
            var dayBefore = holiday.AddDays(-1);
            while (!_calendar.IsWorkingDay(dayBefore)) dayBefore = dayBefore.AddDays(-1);
            var received = new DateTimeOffset(dayBefore.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_calendar.DecisionDue(received), London).DateTime);
            Assert.True(due > holiday, $"Received {dayBefore}, due {due}, but {holiday} is a bank holiday.");
            Assert.True(_calendar.IsWorkingDay(due));
        }
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void Easter_sunday_is_computed_for_known_years()
    {
        Assert.Equal(new DateOnly(2019, 4, 21), EnglandBankHolidays.EasterSunday(2019));
        Assert.Equal(new DateOnly(2024, 3, 31), EnglandBankHolidays.EasterSunday(2024));
        Assert.Equal(new DateOnly(2038, 4, 25), EnglandBankHolidays.EasterSunday(2038));
    }
}
