namespace Referrals.Api.Domain;

/// <summary>
/// A child's sex, ethnicity and disabilities as the children in need census codes them, each code and label exactly as
/// the census schema gives it (the DfE's CIN census XSD: gendertype, ethnicitytype, disabilitytype). The form chooses
/// from these lists (reference data); free text is not a code.
/// </summary>
public static class CensusCodes
{
    public sealed record Code(string Value, string Label);

    public static readonly IReadOnlyList<Code> Ethnicities =
    [
        new("WBRI", "White British"), new("WIRI", "White Irish"), new("WIRT", "Traveller of Irish heritage"),
        new("WOTH", "Any other White background"), new("WROM", "Gypsy/Roma"), new("MWBC", "White and Black Caribbean"),
        new("MWBA", "White and Black African"), new("MWAS", "White and Asian"), new("MOTH", "Any other mixed background"),
        new("AIND", "Indian"), new("APKN", "Pakistani"), new("ABAN", "Bangladeshi"), new("AOTH", "Any other Asian background"),
        new("BCRB", "Caribbean"), new("BAFR", "African"), new("BOTH", "Any other black background"), new("CHNE", "Chinese"),
        new("OOTH", "Any other ethnic group"), new("REFU", "Refused"), new("NOBT", "Information not yet obtained"),
    ];

    /// <summary>"Information not yet obtained": the census's own "not known" for ethnicity.</summary>
    public const string EthnicityNotObtained = "NOBT";

    public static readonly IReadOnlyList<Code> Disabilities =
    [
        new("NONE", "No disability"), new("MOB", "Mobility"), new("HAND", "Hand function"), new("PC", "Personal care"),
        new("INC", "Incontinence"), new("COMM", "Communication"), new("LD", "Learning"), new("HEAR", "Hearing"), new("VIS", "Vision"),
        new("BEH", "Behaviour"), new("CON", "Consciousness"), new("AUT", "Autism"), new("DDA", "Other"),
    ];

    /// <summary>
    /// The census's current gender: 1 male, 2 female, 9 indeterminate, 0 not recorded or unborn. A gender the census does
    /// not record ("other") is 0.
    /// </summary>
    public static Code GenderOf(Gender? gender) => gender switch
    {
        Gender.Male => new("1", "Male"),
        Gender.Female => new("2", "Female"),
        Gender.Indeterminate => new("9", "Indeterminate"),
        _ => new("0", "Not recorded or unborn"),
    };

    /// <summary>
    /// An ethnicity's census code from the code itself or the census's label for it (either case); null for anything
    /// else. "not known" is the census's "information not yet obtained".
    /// </summary>
    public static string? EthnicityCode(string? value)
    {
        if (value is null) return null;
        var given = value.Trim();
        if (ChildIdentifiers.IsNotKnown(given)) return EthnicityNotObtained;
        return Ethnicities.FirstOrDefault(e => string.Equals(e.Value, given, StringComparison.OrdinalIgnoreCase)
                                               || string.Equals(e.Label, given, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    public static bool IsDisability(string? code) => code is not null && Disabilities.Any(d => d.Value == code);
}
