using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Statistical disclosure control for analysts: small counts, and figures worked out from them, are
/// suppressed; where one group alone would be suppressed, or the suppressed groups together make a small
/// count, the next smallest go too (secondary suppression), so that the total less the visible groups gives
/// away neither a suppressed count nor a small sum of them. Across answers, analysts read only whole
/// fortnights of the cycle (ReadFigures' validator), so two answers never differ by part of a period.
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
                double Value(int group) => groups[group].Single(m => m.Name == count).Value ?? 0;
                var hiddenGroups = Enumerable.Range(0, groups.Count).Where(i => hidden[i].Contains(count)).ToList();
                if (hiddenGroups.Count == 0 || totalHidden.Contains(count)) continue;
                // The total less the visible groups is the hidden groups' sum: it must not be one group alone, nor itself
                // a small count, so the next smallest groups go too until neither is so.
                var hiddenSum = hiddenGroups.Sum(Value);
                var candidates = new Queue<int>(Enumerable.Range(0, groups.Count)
                    .Where(i => !hidden[i].Contains(count) && Value(i) > 0)
                    .OrderBy(Value).ThenBy(i => i));
                while ((hiddenGroups.Count == 1 || hiddenSum < threshold) && candidates.TryDequeue(out var next))
                {
                    // The group's count goes, and every figure resting on it.
                    foreach (var measured in groups[next].Where(m => m.BaseName == count)) hidden[next].Add(measured.Name);
                    hiddenGroups.Add(next);
                    hiddenSum += Value(next);
                }
            }
        }
        return new Table(Show(total, totalHidden), groups.Select((g, i) => Show(g, hidden[i])).ToList());
    }

    private static IReadOnlyDictionary<string, Figure> Show(IReadOnlyList<Measured> measured, HashSet<string> hidden) =>
        measured.ToDictionary(m => m.Name, m => hidden.Contains(m.Name) ? new Figure(null, Suppressed: true) : new Figure(m.Value));
}
