using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>Splits contacts into the groups of a breakdown, with labels in the council's and the nation's words.</summary>
public sealed class FigureGroups(AgencyDirectory agencies)
{
    public sealed record Group(string Key, string Label, Tally Tally);

    /// <summary>The groups' tallies worked out from the contacts themselves (any breakdown).</summary>
    public IReadOnlyList<Group> Split(IReadOnlyList<ContactFact> facts, Breakdown breakdown)
    {
        if (breakdown == Breakdown.None) return [];
        return facts.SelectMany(f => Keys(f, breakdown).Select(key => (Key: key, Fact: f)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, Label(g.Key, breakdown), Tally.Of(g.Select(x => x.Fact).ToList())))
            .ToList();
    }

    /// <summary>The groups' tallies from period totals (any breakdown but concern category, which a contact can tick several of).</summary>
    public IReadOnlyList<Group> Split(IReadOnlyList<(PeriodTotals.Group Group, Tally Tally)> rows, Breakdown breakdown)
    {
        if (breakdown == Breakdown.None) return [];
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (group, counts) in rows)
        {
            var key = KeyOf(group, breakdown);
            if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
            tally.Add(counts.Values);
        }
        // A group's row stays when its last contact moves to another (a decision changes the outcome): it has none.
        return tallies.Where(t => t.Value[Tally.Count.Contacts] > 0).Select(t => new Group(t.Key, Label(t.Key, breakdown), t.Value)).ToList();
    }

    private static IEnumerable<string> Keys(ContactFact fact, Breakdown breakdown) => breakdown switch
    {
        Breakdown.ConcernCategory => fact.ConcernCategories.Split(',', StringSplitOptions.RemoveEmptyEntries),
        _ => [KeyOf(PeriodTotals.Group.Of(fact), breakdown)],
    };

    /// <summary>A group's key in a single-valued breakdown, the same whether worked out from a contact or from period totals.</summary>
    public static string KeyOf(PeriodTotals.Group group, Breakdown breakdown) => breakdown switch
    {
        Breakdown.ReferralSource => group.SourceCode,
        Breakdown.Locality => group.Locality.Length == 0 ? "unknown" : group.Locality,
        Breakdown.Area => group.Area.Length == 0 ? "unknown" : group.Area,
        _ => KeyOf(new FortnightTotals.Group(group.AgencyCode, group.AgencyType, group.Channel, group.Outcome), breakdown),
    };

    public static string KeyOf(FortnightTotals.Group group, Breakdown breakdown) => breakdown switch
    {
        Breakdown.None => "all",
        Breakdown.Agency => group.AgencyCode,
        Breakdown.AgencyType => EnumWords.Of(group.AgencyType),
        Breakdown.Channel => EnumWords.Of(group.Channel),
        Breakdown.Outcome => group.Outcome is { } outcome ? EnumWords.Of(outcome) : "not-yet-decided",
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown), breakdown, "The fortnight totals are not kept apart by this."),
    };

    private string Label(string key, Breakdown breakdown) => breakdown switch
    {
        Breakdown.Agency => agencies.Find(key)?.Name ?? key,
        Breakdown.AgencyType => key.Replace('-', ' '),
        Breakdown.ReferralSource => Enum.GetValues<AgencyType>().Select(ReferralSource.For).FirstOrDefault(s => s.Value == key)?.Label ?? ReferralSource.Unknown.Label,
        Breakdown.ConcernCategory => ConcernCategories.All.FirstOrDefault(c => c.Code == key)?.Name ?? key,
        Breakdown.Outcome => EnumWords.TryParse<DecisionOutcome>(key, out var outcome) ? outcome.Describe() : "Not yet decided",
        _ => key.Replace('-', ' '),
    };
}
