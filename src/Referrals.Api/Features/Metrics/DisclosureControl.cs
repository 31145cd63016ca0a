namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Statistical disclosure control for analysts: small counts, and figures worked out from them, are
/// suppressed; where one group alone would be suppressed, the next smallest is too (secondary
/// suppression), so that no suppressed count can be recovered as the total less the visible groups.
/// </summary>
public static class DisclosureControl
{
    public sealed record Table(IReadOnlyDictionary<string, Figure> Total, IReadOnlyList<IReadOnlyDictionary<string, Figure>> Groups);

    public static Table Apply(IReadOnlyList<Measured> total, IReadOnlyList<IReadOnlyList<Measured>> groups, int threshold, bool suppress)
    {
        bool Small(int count) => suppress && count >= 1 && count < threshold;
        var totalHidden = total.Where(m => Small(m.Base)).Select(m => m.Name).ToHashSet();
        var hidden = groups.Select(g => g.Where(m => Small(m.Base)).Select(m => m.Name).ToHashSet()).ToList();

        if (suppress)
        {
            foreach (var count in total.Where(m => m.IsCount).Select(m => m.Name))
            {
                var alone = Enumerable.Range(0, groups.Count).Where(i => hidden[i].Contains(count)).ToList();
                if (alone.Count != 1 || totalHidden.Contains(count)) continue;
                var candidates = Enumerable.Range(0, groups.Count)
                    .Where(i => !hidden[i].Contains(count))
                    .Select(i => (Index: i, Value: groups[i].Single(m => m.Name == count).Value ?? 0))
                    .Where(g => g.Value > 0)
                    .OrderBy(g => g.Value).ThenBy(g => g.Index)
                    .ToList();
                if (candidates.Count == 0) continue;
                var next = candidates[0];
                // The second group's count goes, and every figure resting on it.
                foreach (var measured in groups[next.Index].Where(m => m.BaseName == count)) hidden[next.Index].Add(measured.Name);
            }
        }
        return new Table(Show(total, totalHidden), groups.Select((g, i) => Show(g, hidden[i])).ToList());
    }

    private static IReadOnlyDictionary<string, Figure> Show(IReadOnlyList<Measured> measured, HashSet<string> hidden) =>
        measured.ToDictionary(m => m.Name, m => hidden.Contains(m.Name) ? new Figure(null, Suppressed: true) : new Figure(m.Value));
}
