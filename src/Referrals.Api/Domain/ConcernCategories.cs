namespace Referrals.Api.Domain;

/// <summary>
/// The coded categories of harm. Codes are ours (stable, readable); each carries the children in
/// need census factor code it counts as, so figures and exports need no re-coding. Local
/// categories have no census factor and count as "other" nationally.
/// </summary>
public static class ConcernCategories
{
    public sealed record Category(string Code, string Name, string CensusFactor, bool Local = false);

    public static readonly IReadOnlyList<Category> All =
    [
        new("alcohol-misuse-child", "Alcohol misuse: the child", "1A"),
        new("alcohol-misuse-parent", "Alcohol misuse: a parent or carer", "1B"),
        new("alcohol-misuse-other", "Alcohol misuse: another person", "1C"),
        new("drug-misuse-child", "Drug misuse: the child", "2A"),
        new("drug-misuse-parent", "Drug misuse: a parent or carer", "2B"),
        new("drug-misuse-other", "Drug misuse: another person", "2C"),
        new("domestic-abuse-child", "Domestic abuse: the child", "3A"),
        new("domestic-abuse-parent", "Domestic abuse: a parent or carer", "3B"),
        new("domestic-abuse-other", "Domestic abuse: another person", "3C"),
        new("mental-health-child", "Mental health: the child", "4A"),
        new("mental-health-parent", "Mental health: a parent or carer", "4B"),
        new("mental-health-other", "Mental health: another person", "4C"),
        new("learning-disability-child", "Learning disability: the child", "5A"),
        new("learning-disability-parent", "Learning disability: a parent or carer", "5B"),
        new("learning-disability-other", "Learning disability: another person", "5C"),
        new("physical-disability-child", "Physical disability or illness: the child", "6A"),
        new("physical-disability-parent", "Physical disability or illness: a parent or carer", "6B"),
        new("physical-disability-other", "Physical disability or illness: another person", "6C"),
        new("young-carer", "Young carer", "7A"),
        new("private-fostering", "Private fostering", "8B"),
        new("unaccompanied-asylum-seeking-child", "Unaccompanied asylum-seeking child", "8C"),
        new("missing", "Going or being missing", "8E"),
        new("child-sexual-exploitation", "Child sexual exploitation", "8F"),
        new("trafficking", "Trafficking", "9A"),
        new("gangs", "Gangs", "10A"),
        new("socially-unacceptable-behaviour", "Socially unacceptable behaviour", "11A"),
        new("self-harm", "Self-harm", "12A"),
        new("neglect", "Neglect", "13A"),
        new("emotional-abuse", "Emotional abuse", "14A"),
        new("physical-abuse", "Physical abuse", "15A"),
        new("sexual-abuse-by-child", "Sexual abuse: by a child", "23A"),
        new("sexual-abuse-by-adult", "Sexual abuse: by an adult", "24A"),
        new("female-genital-mutilation", "Female genital mutilation", "17A"),
        new("abuse-linked-to-faith-or-belief", "Abuse linked to faith or belief", "18B"),
        new("child-criminal-exploitation", "Child criminal exploitation", "22A"),
        new("other", "Other", "20"),
        new("radicalisation", "Radicalisation", "20", Local: true),
        new("online-harm", "Online harm", "20", Local: true),
        new("honour-based-abuse", "Honour-based abuse", "20", Local: true),
    ];

    private static readonly HashSet<string> Codes = All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);
}
