using System.Globalization;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>
/// The rules of Ofsted's Annex A template for List 1 and List 3, transcribed from the schema the LIIA tools validate
/// returns against (SocialFinanceDigitalLabs/liia-tools-pipeline, liiatools/annex_a_pipeline/spec/Annex_A_schema.yml,
/// with Annex_A_schema_2026.diff.yml renaming Gender to Sex): the column names in order, and for each column its kind and
/// whether it may be blank. Categories hold the schema's own names for each code (what the template writes).
/// </summary>
public static class AnnexASchema
{
    public abstract record Rule(bool CanBeBlank);
    public sealed record Category(bool CanBeBlank, params string[] Values) : Rule(CanBeBlank);
    public sealed record Date(bool CanBeBlank) : Rule(CanBeBlank);
    public sealed record Integer(bool CanBeBlank) : Rule(CanBeBlank);
    public sealed record Alphanumeric(bool CanBeBlank) : Rule(CanBeBlank);

    private static readonly Category Sex = new(false, "a) Male", "b) Female", "c) Not stated/recorded", "d) Neither");

    private static readonly Category Ethnicity = new(false,
        "a) WBRI", "b) WIRI", "c) WIRT", "d) WOTH", "e) WROM", "f) MWBC", "g) MWBA", "h) MWAS", "i) MOTH", "j) AIND", "k) APKN", "l) ABAN",
        "m) AOTH", "n) BCRB", "o) BAFR", "p) BOTH", "q) CHNE", "r) OOTH", "s) REFU", "t) NOBT");

    private static readonly Category Source = new(false,
        "a) 1A: Individual", "b) 1B: Individual", "c) 1C: Individual", "d) 1D: Individual", "e) 2A: Schools", "f) 2B: Education services",
        "g) 3A: Health services", "h) 3B: Health services", "i) 3C: Health services", "j) 3D: Health services", "k) 3E: Health services",
        "l) 3F: Health services", "m) 4: Housing", "n) 5A: LA services", "o) 5B: LA services", "p) 5C: LA services", "q) 6: Police",
        "r) 7: Other legal agency", "s) 8: Other", "t) 9: Anonymous", "u) 10: Unknown");

    public static readonly IReadOnlyList<(string Column, Rule Rule)> List1 =
    [
        ("Child Unique ID", new Alphanumeric(false)), ("Sex", Sex), ("Ethnicity", Ethnicity), ("Date of Birth", new Date(true)),
        ("Age of Child (Years)", new Integer(true)), ("Date of Contact", new Date(false)), ("Contact Source", Source),
    ];

    public static readonly IReadOnlyList<(string Column, Rule Rule)> List3 =
    [
        ("Child Unique ID", new Alphanumeric(false)), ("Sex", Sex), ("Ethnicity", Ethnicity), ("Date of Birth", new Date(true)),
        ("Age of Child (Years)", new Integer(true)), ("Date of referral", new Date(false)), ("Referral Source", Source),
        ("Referral NFA?", new Category(false, "Yes", "No", "a) Yes", "b) No")),
        ("Number of Referrals in Last 12 Months", new Integer(false)), ("Allocated Team", new Alphanumeric(false)),
        ("Allocated Worker", new Alphanumeric(false)),
    ];

    /// <summary>The header row is the schema's columns in order; every value of every row meets its column's rule.</summary>
    public static void Check(IReadOnlyList<(string Column, Rule Rule)> list, string[][] table)
    {
        Assert.Equal(list.Select(c => c.Column), table[0]);
        Assert.True(table.Length > 1, "A list to check needs a row.");
        foreach (var row in table.Skip(1))
        {
            Assert.Equal(list.Count, row.Length);
            for (var i = 0; i < list.Count; i++)
            {
                var (column, rule) = list[i];
                var value = row[i];
                if (value.Length == 0)
                {
                    Assert.True(rule.CanBeBlank, $"{column} may not be blank.");
                    continue;
                }
                var ok = rule switch
                {
                    Category category => category.Values.Contains(value),
                    Date => DateTime.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    Integer => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0,
                    _ => value.Any(char.IsLetterOrDigit),
                };
                Assert.True(ok, $"{column}: '{value}' does not meet the schema's rule.");
            }
        }
    }
}
