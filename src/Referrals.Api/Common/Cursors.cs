using System.Text;
using System.Text.RegularExpressions;

namespace Referrals.Api.Common;

/// <summary>Opaque page cursors: where the last page ended, as URL-safe base64 text.</summary>
public static partial class Cursors
{
    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a cursor holds, or null for anything that is not one of ours.</summary>
    public static string? Decode(string? cursor, int maxLength)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > maxLength) return null;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }

    /// <summary>A referral reference as issued, e.g. REF-2026-000123.</summary>
    [GeneratedRegex("^REF-[0-9]{4}-[0-9]{6,}$")]
    public static partial Regex Reference();
}
