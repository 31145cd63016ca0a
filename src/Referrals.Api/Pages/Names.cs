using Referrals.Api.Domain;

namespace Referrals.Api.Pages;

public static class Names
{
    /// <summary>A child as the pages name them: their name as written, or "Child 2" while it is not known.</summary>
    public static string Child(FormAnswers answers, int index) => Known(answers, $"children[{index}]", $"Child {index + 1}");

    public static string Adult(FormAnswers answers, int index) => Known(answers, $"household[{index}]", $"Adult {index + 1}");

    private static string Known(FormAnswers answers, string item, string otherwise)
    {
        var name = string.Join(' ', new[] { answers.Text($"{item}.firstName"), answers.Text($"{item}.lastName"), answers.Text($"{item}.name") }
            .Where(ChildIdentifiers.IsKnown)).Trim();
        return name.Length > 0 ? name : otherwise;
    }
}
