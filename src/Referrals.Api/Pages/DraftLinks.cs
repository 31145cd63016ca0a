namespace Referrals.Api.Pages;

/// <summary>Where on the partner's pages each part of a draft is answered.</summary>
public static class DraftLinks
{
    public static string Draft(Guid id) => $"/partner/drafts/{id}";

    public static string Section(Guid id, Section section, int? item = null) =>
        item is { } index ? $"{Draft(id)}/{section.Slug}/{index}" : $"{Draft(id)}/{section.Slug}";

    /// <summary>The question a form path names ("children[1].nhsNumber"), on its own page, or the task list if none asks it.</summary>
    public static string Question(Guid id, string path) => FormSections.Locate(path) switch
    {
        ({ List: not null } section, { } item) => $"{Section(id, section, item)}#{Pages.Question.IdOf(path)}",
        var (section, _) => $"{Section(id, section)}#{Pages.Question.IdOf(path)}",
        null => $"{Draft(id)}/documents",
    };

    /// <summary>How far a section has got: not started, in progress, or every question answered.</summary>
    public static string Status(Section section, FormAnswers answers)
    {
        if (section.List is { } list)
        {
            var count = answers.Count(list);
            if (count == 0) return "Not yet started";
            var all = Enumerable.Range(0, count).All(i => section.Questions.Where(Counted).All(q => answers.Answered(section.PathOf(q, i))));
            return all ? "Completed" : "In progress";
        }
        var answered = section.Questions.Count(q => answers.Answered(q.Path));
        return answered == 0 ? "Not yet started" : answered == section.Questions.Count(Counted) ? "Completed" : "In progress";
    }

    /// <summary>Questions that only some children or adults have an answer to do not keep a section in progress.</summary>
    private static bool Counted(Question question) =>
        question.Path is not ("alias" or "description" or "estimatedAgeYears" or "expectedDueDate" or "disabilities" or "disabilityDetails"
            or "uniquePupilNumber" or "consent.parentsAwareReason" or "consent.consentReason" or "concern.disclosure");
}
