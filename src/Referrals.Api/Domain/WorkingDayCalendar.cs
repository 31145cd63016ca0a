namespace Referrals.Api.Domain;

/// <summary>
/// Statutory timescales run in working days of England, in London time. A referral received on a
/// working day is due at the same clock time on the next working day; one received on a
/// non-working day counts from 09:00 of the next working day. Weekends and England's bank holidays
/// are not working days.
/// </summary>
public sealed class WorkingDayCalendar(EnglandBankHolidays bankHolidays)
{
    private static readonly TimeOnly StartOfWorkingDay = new(9, 0);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !bankHolidays.IsBankHoliday(day);

    public DateOnly NextWorkingDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (!IsWorkingDay(next)) next = next.AddDays(1);
        return next;
    }

    public DateTimeOffset DecisionDue(DateTimeOffset receivedAt)
    {
        var local = LondonTime.ToLocal(receivedAt);
        var day = DateOnly.FromDateTime(local.DateTime);
        var clock = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(day))
        {
            day = NextWorkingDay(day);
            clock = StartOfWorkingDay;
        }
        return ToUtc(NextWorkingDay(day), clock);
    }

    private DateTimeOffset ToUtc(DateOnly day, TimeOnly clock)
    {
        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        // In the hour lost when clocks go forward a clock time does not exist; move past the gap.
        while (LondonTime.Zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var utc = TimeZoneInfo.ConvertTimeToUtc(local, LondonTime.Zone);
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }
}
