using System.Globalization;
using System.Text;

namespace Referrals.Api.Common;

/// <summary>
/// CSV that opens cleanly in Excel: UTF-8 with a byte order mark, RFC 4180 quoting, and text that a
/// spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Text)).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>Text as one cell: neutralised if a spreadsheet would treat it as a formula, quoted where needed.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
