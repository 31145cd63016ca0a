namespace Referrals.Api.Domain;

/// <summary>
/// England's bank holidays: the regular ones follow fixed rules (Easter, first and last Mondays,
/// Christmas, with substitute days when a holiday falls at a weekend); the changes the government
/// makes by proclamation (a holiday moved or added for a national occasion) are data, and a council
/// can add a newly announced one, or take away a regular one the government has moved, through
/// configuration without a release (a move is both: the usual day withdrawn, the new day announced).
/// </summary>
public sealed class EnglandBankHolidays
{
    /// <summary>A regular holiday moved by proclamation: it is not kept on its usual day but on another.</summary>
    public sealed record Move(DateOnly From, DateOnly To, string Occasion);

    public static readonly IReadOnlyList<Move> Moved =
    [
        new(new(2020, 5, 4), new(2020, 5, 8), "75th anniversary of VE Day"),
        new(new(2022, 5, 30), new(2022, 6, 2), "Platinum Jubilee"),
    ];

    public static readonly IReadOnlyDictionary<DateOnly, string> Added = new Dictionary<DateOnly, string>
    {
        [new(2022, 6, 3)] = "Platinum Jubilee",
        [new(2022, 9, 19)] = "State Funeral of Queen Elizabeth II",
        [new(2023, 5, 8)] = "Coronation of King Charles III",
    };

    private readonly HashSet<DateOnly> _added;
    private readonly HashSet<DateOnly> _withdrawn;
    // Every submission asks; a year's regular holidays are worked out once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, HashSet<DateOnly>> _regularByYear = new();

    /// <param name="announced">Holidays announced after this release.</param>
    /// <param name="withdrawn">Regular holidays the government has moved away from their usual day since this release.</param>
    public EnglandBankHolidays(IEnumerable<DateOnly>? announced = null, IEnumerable<DateOnly>? withdrawn = null)
    {
        _added = [.. Added.Keys, .. announced ?? []];
        _withdrawn = [.. withdrawn ?? []];
        // A withdrawn day that is no holiday by rule is a mistyped date, which would otherwise change nothing unnoticed.
        var notHolidays = _withdrawn.Where(day => !Regular(day.Year).Contains(day) || _added.Contains(day)).Order().ToList();
        if (notHolidays.Count > 0)
            throw new InvalidOperationException("Calendar:WithdrawnBankHolidays names days that are not regular bank holidays, or are " +
                $"also announced: {string.Join(", ", notHolidays.Select(d => d.ToString("yyyy-MM-dd")))}.");
    }

    public bool IsBankHoliday(DateOnly day) =>
        !_withdrawn.Contains(day) && (_added.Contains(day) || _regularByYear.GetOrAdd(day.Year, Regular).Contains(day));

    public IReadOnlyList<DateOnly> For(int year) =>
        [.. _regularByYear.GetOrAdd(year, Regular).Concat(_added.Where(d => d.Year == year)).Except(_withdrawn).Distinct().Order()];

    private static HashSet<DateOnly> Regular(int year)
    {
        var easter = EasterSunday(year);
        var christmas = new DateOnly(year, 12, 25);
        var holidays = new List<DateOnly>
        {
            Substitute(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };
        // Christmas and Boxing Day each move to the next weekday that is not already a holiday.
        var christmasObserved = Substitute(christmas);
        var boxingDayObserved = Substitute(christmas.AddDays(1));
        if (boxingDayObserved <= christmasObserved) boxingDayObserved = Substitute(christmasObserved.AddDays(1));
        holidays.Add(christmasObserved);
        holidays.Add(boxingDayObserved);

        foreach (var move in Moved.Where(m => m.From.Year == year))
        {
            holidays.Remove(move.From);
            holidays.Add(move.To);
        }
        return [.. holidays];
    }

    private static DateOnly Substitute(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(1);
        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(-1);
        return day;
    }

    /// <summary>Western Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
