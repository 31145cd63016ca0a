using System.Globalization;

namespace Referrals.Api.Domain;

/// <summary>
/// Ofsted's Annex A lists as the template writes them, column names, order and values, from the inspectorate's template
/// as the LIIA tools read it (SocialFinanceDigitalLabs/liia-tools-pipeline, annex_a_pipeline/spec/Annex_A_schema.yml, with
/// the 2026 change renaming Gender to Sex): List 1 of contacts and List 3 of referrals. Dates are dd/mm/yyyy; the
/// categories are the template's own lettered values (each one the schema maps to its category).
/// </summary>
public static class OfstedAnnexA
{
    public static readonly IReadOnlyList<string> ContactColumns =
        ["Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of Contact", "Contact Source"];

    public static readonly IReadOnlyList<string> ReferralColumns =
    [
        "Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of referral", "Referral Source", "Referral NFA?",
        "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker",
    ];

    /// <summary>Written where the template wants a team or worker and the accepted child has none yet (neither may be blank).</summary>
    public const string NotYetAllocated = "Not yet allocated";

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// a) Male, b) Female, d) Neither (indeterminate, or neither male nor female), else c) Not stated/recorded, which is
    /// also the template's answer for an unborn child ("or unborn").
    /// </summary>
    public static string Sex(Gender? gender, bool unborn) => unborn ? "c) Not stated/recorded" : gender switch
    {
        Gender.Male => "a) Male",
        Gender.Female => "b) Female",
        Gender.Indeterminate or Gender.Other => "d) Neither",
        _ => "c) Not stated/recorded",
    };

    /// <summary>The template's lettered census code, a) WBRI to t) NOBT; not given is t) NOBT, information not yet obtained.</summary>
    public static string Ethnicity(string? censusCode)
    {
        var codes = CensusCodes.Ethnicities.Select(c => c.Value).ToList();
        var at = codes.IndexOf(censusCode ?? "");
        if (at < 0) at = codes.IndexOf(CensusCodes.EthnicityNotObtained);
        return $"{(char)('a' + at)}) {codes[at]}";
    }

    /// <summary>The census source codes in the template's order, each with the template's name for its group.</summary>
    private static readonly (string Code, string Group)[] Sources =
    [
        ("1A", "Individual"), ("1B", "Individual"), ("1C", "Individual"), ("1D", "Individual"), ("2A", "Schools"),
        ("2B", "Education services"), ("3A", "Health services"), ("3B", "Health services"), ("3C", "Health services"),
        ("3D", "Health services"), ("3E", "Health services"), ("3F", "Health services"), ("4", "Housing"), ("5A", "LA services"),
        ("5B", "LA services"), ("5C", "LA services"), ("6", "Police"), ("7", "Other legal agency"), ("8", "Other"),
        ("9", "Anonymous"), ("10", "Unknown"),
    ];

    /// <summary>The template's contact or referral source, e.g. g) 3A: Health services; a code it does not know is u) 10: Unknown.</summary>
    public static string Source(string censusCode)
    {
        var at = Array.FindIndex(Sources, s => s.Code == censusCode);
        if (at < 0) at = Sources.Length - 1;
        return $"{(char)('a' + at)}) {Sources[at].Code}: {Sources[at].Group}";
    }

    /// <summary>Whole years on the day, from the date of birth or the estimate given; none for an unborn child or one of no known age.</summary>
    public static int? Age(DateOnly? born, int? estimated, DateOnly on)
    {
        if (born is { } b)
        {
            var years = on.Year - b.Year;
            if (on < b.AddYears(years)) years--;
            return Math.Max(years, 0);
        }
        return estimated;
    }
}
