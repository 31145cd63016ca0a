using System.Text.RegularExpressions;

namespace Referrals.Api.Domain;

/// <summary>Checks on the identifiers that let the First Contact Team find the right child.</summary>
public static partial class ChildIdentifiers
{
    /// <summary>The form's explicit answer where a fact is not known (a blank is a defect).</summary>
    public const string NotKnown = "not known";

    /// <summary>"not known", and the ways referrers write it ("not-known", "unknown", "n/k").</summary>
    public static bool IsNotKnown(string? value) =>
        value is not null && value.Trim().ToLowerInvariant() is NotKnown or "not-known" or "unknown" or "n/k" or "nk";

    /// <summary>True when the value carries information: present and not "not known".</summary>
    public static bool IsKnown(string? value) => !string.IsNullOrWhiteSpace(value) && !IsNotKnown(value);

    /// <summary>NHS numbers are written with spaces or dashes ("943 476 5919"); stored as 10 digits.</summary>
    public static string NormaliseNhsNumber(string value) =>
        new(value.Where(c => c is not (' ' or '-')).ToArray());

    /// <summary>Ten digits whose last is the modulus 11 check digit of the first nine (weights 10 to 2).</summary>
    public static bool IsValidNhsNumber(string? value)
    {
        if (value is null) return false;
        var digits = NormaliseNhsNumber(value);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;
        var check = NhsCheckDigit(digits.AsSpan(0, 9));
        return check != 10 && check == digits[9] - '0';
    }

    /// <summary>The modulus 11 check digit of an NHS number's first nine digits; 10 means no valid number has them.</summary>
    public static int NhsCheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (nineDigits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        return check == 11 ? 0 : check;
    }

    // The DfE check-letter alphabet leaves out I, O and S.
    private const string UpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>A unique pupil number: a check letter then 12 characters (a temporary UPN ends in a
    /// letter). The check letter is the weighted sum (weights 2 to 13) of characters 2 to 13, mod 23.</summary>
    public static bool IsValidUniquePupilNumber(string? value)
    {
        if (value is null) return false;
        var upn = value.Trim().ToUpperInvariant();
        if (upn.Length != 13 || !upn[1..12].All(char.IsAsciiDigit)) return false;
        int last = char.IsAsciiDigit(upn[12]) ? upn[12] - '0' : UpnLetters.IndexOf(upn[12]);
        if (last < 0) return false;
        var sum = last * 13;
        for (var i = 1; i < 12; i++) sum += (upn[i] - '0') * (i + 1);
        return UpnLetters[sum % 23] == upn[0];
    }

    [GeneratedRegex(@"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();

    public static bool IsValidPostcode(string? value) =>
        value is not null && UkPostcode().IsMatch(value.Trim().ToUpperInvariant());

    /// <summary>Lower case, single spaces, letters only: how names are compared when matching children.</summary>
    public static string NormaliseName(string first, string last)
    {
        var joined = $"{first} {last}".ToLowerInvariant();
        var kept = joined.Where(c => char.IsLetter(c) || c == ' ').ToArray();
        return string.Join(' ', new string(kept).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
