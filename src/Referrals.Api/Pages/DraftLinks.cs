namespace Referrals.Api.Pages;

/// <summary>Where on the partner's pages each part of a draft is answered.</summary>
public static class DraftLinks
{
    public static string Draft(Guid id) => $"/partner/drafts/{id}";

    public static string Section(Guid id, Section section, int? item = null) =>
        item is { } index ? $"{Draft(id)}/{section.Slug}/{index}" : $"{Draft(id)}/{section.Slug}";

    /// <summary>
    /// The question a form path names ("children[1].nhsNumber"), on its own page; a path no single question asks ("concern")
    /// goes to its section's first question; one outside every section, to the documents.
    /// </summary>
    public static string Question(Guid id, string path)
    {
        if (FormSections.Locate(path) is not var (section, item)) return $"{Draft(id)}/documents";
        var page = section.List is not null && item is not null ? Section(id, section, item) : Section(id, section);
        if (section.List is not null && item is null) return $"{page}#{section.List}";
        var dot = path.IndexOf("].", StringComparison.Ordinal);
        var relative = section.List is null ? path : dot < 0 ? "" : path[(dot + 2)..];
        var asked = section.Questions.FirstOrDefault(q => q.Path == relative || relative.StartsWith(q.Path + "[", StringComparison.Ordinal));
        return $"{page}#{Pages.Question.IdOf(section.PathOf(asked ?? section.Questions[0], item))}";
    }

    /// <summary>How far a section has got: not started, in progress, or every question answered.</summary>
    public static string Status(Section section, FormAnswers answers)
    {
        if (section.List is { } list)
        {
            var count = answers.Count(list);
            if (count == 0) return "Not yet started";
            var all = Enumerable.Range(0, count).All(i => section.Questions.Where(q => !q.Optional).All(q => answers.Answered(section.PathOf(q, i))));
            return all ? "Completed" : "In progress";
        }
        var answered = section.Questions.Count(q => answers.Answered(q.Path));
        return answered == 0 ? "Not yet started" : answered == section.Questions.Count(q => !q.Optional) ? "Completed" : "In progress";
    }
}
