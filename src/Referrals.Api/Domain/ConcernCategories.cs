namespace Referrals.Api.Domain;

/// <summary>
/// The coded categories of harm. Codes are ours (stable, readable); each carries the children in
/// need census factor code it counts as, so figures and exports need no re-coding. Local
/// categories have no census factor and count as "other" nationally.
/// </summary>
public static class ConcernCategories
{
    public sealed record Category(string Code, string Name, string CensusFactor, bool Local = false);

    /// <summary>
    /// Each census factor as the children in need census schema gives it (factors 1A to 24A; 21, "no factors identified",
    /// is an assessment's finding, not a concern a referrer raises). Checked against the DfE's CIN census XSD.
    /// </summary>
    public static readonly IReadOnlyList<Category> All =
    [
        new("alcohol-misuse-child", "Alcohol misuse: the child", "1A"),
        new("alcohol-misuse-parent", "Alcohol misuse: a parent or carer", "1B"),
        new("alcohol-misuse-other", "Alcohol misuse: another person living in the household", "1C"),
        new("drug-misuse-child", "Drug misuse: the child", "2A"),
        new("drug-misuse-parent", "Drug misuse: a parent or carer", "2B"),
        new("drug-misuse-other", "Drug misuse: another person living in the household", "2C"),
        new("domestic-abuse-child", "Domestic abuse: the child is the subject", "3A"),
        new("domestic-abuse-parent", "Domestic abuse: a parent or carer is the subject", "3B"),
        new("domestic-abuse-other", "Domestic abuse: another person living in the household is the subject", "3C"),
        new("mental-health-child", "Mental health: the child", "4A"),
        new("mental-health-parent", "Mental health: a parent or carer", "4B"),
        new("mental-health-other", "Mental health: another person in the family or household", "4C"),
        new("learning-disability-child", "Learning disability: the child", "5A"),
        new("learning-disability-parent", "Learning disability: a parent or carer", "5B"),
        new("learning-disability-other", "Learning disability: another person in the family or household", "5C"),
        new("physical-disability-child", "Physical disability or illness: the child", "6A"),
        new("physical-disability-parent", "Physical disability or illness: a parent or carer", "6B"),
        new("physical-disability-other", "Physical disability or illness: another person in the family or household", "6C"),
        new("young-carer", "Young carer", "7A"),
        new("private-fostering-overseas-return", "Privately fostered: an overseas child who intends to return", "8B"),
        new("private-fostering-overseas-stay", "Privately fostered: an overseas child who intends to stay", "8C"),
        new("private-fostering-uk-education", "Privately fostered: a UK child in an educational placement", "8D"),
        new("private-fostering-uk-family-arrangement", "Privately fostered: a UK child in an alternative family arrangement", "8E"),
        new("private-fostering-other", "Privately fostered: other", "8F"),
        new("unaccompanied-asylum-seeking-child", "Unaccompanied asylum-seeking child", "9A"),
        new("missing", "Going or being missing", "10A"),
        new("child-sexual-exploitation", "Child sexual exploitation", "11A"),
        new("trafficking", "Trafficking", "12A"),
        new("gangs", "Gangs", "13A"),
        new("socially-unacceptable-behaviour", "Socially unacceptable behaviour", "14A"),
        new("self-harm", "Self-harm", "15A"),
        new("neglect", "Neglect", "16A"),
        new("emotional-abuse", "Emotional abuse", "17A"),
        new("physical-abuse-by-child", "Physical abuse: by another child", "18B"),
        new("physical-abuse-by-adult", "Physical abuse: by an adult", "18C"),
        new("sexual-abuse-by-child", "Sexual abuse: by another child", "19B"),
        new("sexual-abuse-by-adult", "Sexual abuse: by an adult", "19C"),
        new("other", "Other", "20"),
        new("female-genital-mutilation", "Female genital mutilation", "22A"),
        new("abuse-linked-to-faith-or-belief", "Abuse linked to faith or belief", "23A"),
        new("child-criminal-exploitation", "Child criminal exploitation", "24A"),
        new("radicalisation", "Radicalisation", "20", Local: true),
        new("online-harm", "Online harm", "20", Local: true),
        new("honour-based-abuse", "Honour-based abuse", "20", Local: true),
    ];

    /// <summary>
    /// Codes this service once used for a category the census now splits, and where their stored referrals went (the
    /// migration NationalCodes): physical abuse without saying by whom is most often by an adult (18C), and private
    /// fostering without saying which kind is "other" (8F). A client sending one is told the codes that replace it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Retired = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["physical-abuse"] = ["physical-abuse-by-adult", "physical-abuse-by-child"],
        ["private-fostering"] = ["private-fostering-overseas-return", "private-fostering-overseas-stay", "private-fostering-uk-education",
            "private-fostering-uk-family-arrangement", "private-fostering-other"],
    };

    private static readonly HashSet<string> Codes = All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);
}
