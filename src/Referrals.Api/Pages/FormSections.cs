using Referrals.Api.Domain;

namespace Referrals.Api.Pages;

public enum QuestionKind { Text, Textarea, Radios, Checkboxes, Date, Number, Select, Relationships }

public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>
/// One question of the form as a page asks it: its JSON path in the form (relative to its section's item, for a child
/// or an adult), its words, and how it is answered. The same path names it in the quality check's prompts and in the
/// submission's errors, so both link straight to it.
/// </summary>
/// <param name="Optional">Only some children, adults or referrals have an answer to it, so it keeps no section in progress.</param>
public sealed record Question(string Path, string Label, QuestionKind Kind, string? Hint = null, IReadOnlyList<Choice>? Choices = null,
    string? Width = null, bool Optional = false)
{
    /// <summary>The HTML id of the question's input: "children-0-firstName" for children[0].firstName.</summary>
    public static string IdOf(string path) => path.Replace("[", "-").Replace("]", "").Replace('.', '-');
}

/// <summary>A part of the form: a page of questions, or (children, household) a list with a page for each one.</summary>
/// <param name="List">The form's list this section is made of, one page per item ("children"), or null for a single page.</param>
public sealed record Section(string Slug, string Title, string Summary, IReadOnlyList<Question> Questions, string? List = null,
    string? ItemName = null)
{
    public string PathOf(Question question, int? item) => List is null ? question.Path : $"{List}[{item}].{question.Path}";

    /// <summary>One of the list's items, with its article: "a child", "an adult".</summary>
    public string OneItem => ItemName is null ? "" : $"{(ItemName[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {ItemName}";
}

/// <summary>The form's sections in the order a partner meets them, each question in plain words a partner understands.</summary>
public static class FormSections
{
    private static readonly Choice[] YesNoNotKnown = [new("yes", "Yes"), new("no", "No"), new(NotKnownAnswer.Word, "Not known")];

    private static IReadOnlyList<Choice> Words<TEnum>(params (TEnum Value, string Label)[] labels) where TEnum : struct, Enum =>
        labels.Select(l => new Choice(EnumWords.Of(l.Value), l.Label)).ToList();

    public static readonly Section Referrer = new("about-you", "About you", "How the First Contact Team can reach you today.",
    [
        new("referrer.role", "Your job title", QuestionKind.Text, "For example, designated safeguarding lead", Width: "govuk-input--width-20"),
        new("referrer.phone", "Phone number", QuestionKind.Text, "A number the team can call you on today", Width: "govuk-input--width-20"),
        new("referrer.email", "Email address", QuestionKind.Text, Width: "govuk-input--width-30"),
        new("referrer.safeguardingLeadConsulted", "Have you talked to your designated safeguarding lead about this?", QuestionKind.Radios,
            Choices: YesNoNotKnown),
    ]);

    public static readonly Section Children = new("children", "The children", "Each child this referral is about.",
    [
        new("firstName", "First name", QuestionKind.Text, "Write \"not known\" if you do not know it", Width: "govuk-input--width-20"),
        new("lastName", "Last name", QuestionKind.Text, "Write \"not known\" if you do not know it", Width: "govuk-input--width-20"),
        new("alias", "Other names the child is known by", QuestionKind.Text, Width: "govuk-input--width-20", Optional: true),
        new("description", "If you do not know the child's name, describe them", QuestionKind.Textarea,
            "For example, a girl of about 8 with a red school coat", Optional: true),
        new("dateOfBirth", "Date of birth", QuestionKind.Date, "For example, 27 3 2015. Leave it blank if you do not know it"),
        new("estimatedAgeYears", "If you do not know the date of birth, about how old is the child?", QuestionKind.Number, "In years",
            Width: "govuk-input--width-3", Optional: true),
        new("expectedDueDate", "For an unborn baby, the expected due date", QuestionKind.Date, Optional: true),
        new("gender", "Sex or gender", QuestionKind.Radios, Choices: Words((Gender.Female, "Female"), (Gender.Male, "Male"), (Gender.Other, "Other"),
            (Gender.Indeterminate, "Indeterminate"), (Gender.NotKnown, "Not known"))),
        new("ethnicity", "Ethnicity", QuestionKind.Select, "As the child or family describe it",
            CensusCodes.Ethnicities.Select(e => new Choice(e.Value, e.Label)).ToList()),
        new("firstLanguage", "First language", QuestionKind.Text, Width: "govuk-input--width-20"),
        new("interpreterNeeded", "Does the family need an interpreter?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("disability", "Does the child have a disability?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("disabilities", "What kind of disability?", QuestionKind.Checkboxes, "Select all that apply",
            CensusCodes.Disabilities.Where(d => d.Value != "NONE").Select(d => new Choice(d.Value, d.Label)).ToList(), Optional: true),
        new("disabilityDetails", "Anything else about the child's disability or needs", QuestionKind.Textarea, Optional: true),
        new("address", "Address", QuestionKind.Textarea),
        new("postcode", "Postcode", QuestionKind.Text, Width: "govuk-input--width-10"),
        new("schoolOrSetting", "School, nursery or other setting", QuestionKind.Text),
        new("nhsNumber", "NHS number", QuestionKind.Text, "10 digits. Write \"not known\" if you do not know it", Width: "govuk-input--width-10"),
        new("uniquePupilNumber", "Unique pupil number (UPN)", QuestionKind.Text, "13 characters, for a school-age child", Width: "govuk-input--width-20", Optional: true),
        new("currentLocation", "Where is the child now?", QuestionKind.Text),
        new("safeNow", "Is the child safe right now?", QuestionKind.Radios,
            "If a child is in immediate danger, call 999 before you go on", YesNoNotKnown),
    ], List: "children", ItemName: "child");

    public static readonly Section Household = new("household", "Adults in the child's life",
        "Parents, carers and anyone else important, including anyone who may pose a risk.",
    [
        new("name", "Full name", QuestionKind.Text, "Write \"not known\" if you do not know it", Width: "govuk-input--width-20"),
        new("relationships", "Their relationship to each child", QuestionKind.Relationships, "For example, mother, stepfather, mother's partner"),
        new("dateOfBirth", "Date of birth", QuestionKind.Date, "Leave it blank if you do not know it"),
        new("parentalResponsibility", "Do they have parental responsibility?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("livesWithChild", "Do they live with the child?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("allegedToPoseRisk", "Are they alleged to pose a risk to the child?", QuestionKind.Radios, Choices: YesNoNotKnown),
    ], List: "household", ItemName: "adult");

    public static readonly Section Consent = new("consent", "Consent", "Whether the family know about this referral and agree to it.",
    [
        new("consent.parentsAware", "Do the parents or carers know you are making this referral?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("consent.parentsAwareReason", "If they do not know, why not?", QuestionKind.Textarea,
            "For example, telling them would put the child at greater risk", Optional: true),
        new("consent.parentsConsented", "Have they agreed to it?", QuestionKind.Radios, Choices: YesNoNotKnown),
        new("consent.consentReason", "If they have not agreed, why not?", QuestionKind.Textarea, Optional: true),
    ]);

    public static readonly Section Concern = new("concern", "Your concern", "What happened, how you know, and what the child has said.",
    [
        new("concern.categories", "What is the concern about?", QuestionKind.Checkboxes, "Select all that apply",
            ConcernCategories.All.Select(c => new Choice(c.Code, c.Name)).ToList()),
        new("concern.whatHappened", "What happened, or what have you seen or been told?", QuestionKind.Textarea,
            "Describe events, injuries and what was said, in your own words"),
        new("concern.whenAndWhere", "When and where did it happen?", QuestionKind.Textarea),
        new("concern.howKnown", "How do you know?", QuestionKind.Textarea, "For example, you saw it, the child told you, or someone else told you (say who)"),
        new("concern.disclosure", "Has the child or anyone else told you something? What did they say?", QuestionKind.Textarea,
            "Write their words as they said them", Optional: true),
        new("concern.impactOnChild", "How is this affecting the child?", QuestionKind.Textarea),
        new("concern.childsVoice", "What has the child said, and how do they seem?", QuestionKind.Textarea),
    ]);

    public static readonly Section Support = new("support", "What is going well and what has been done",
        "Strengths, support already given, and who else is involved.",
    [
        new("concern.whatIsGoingWell", "What is going well for the child and family?", QuestionKind.Textarea),
        new("concern.actionsAlreadyTaken", "What support has been offered already, and what happened?", QuestionKind.Textarea,
            "For example, an early help assessment"),
        new("concern.otherProfessionals", "Which other professionals are involved?", QuestionKind.Textarea),
        new("concern.hopedOutcome", "What do you hope will happen?", QuestionKind.Textarea),
    ]);

    public static readonly Section View = new("your-view", "Your view of the risk", "The level of need and the risk, as you see them.",
    [
        new("referrerView.levelOfNeed", "What level of need do you think this is?", QuestionKind.Radios, Choices:
        [
            .. LevelsOfNeed.All.Select(l => new Choice(l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{l.Value}: {l.Name}", l.Description)),
            new(NotKnownAnswer.Word, "Not known"),
        ]),
        new("referrerView.risk", "How serious is the risk to the child?", QuestionKind.Radios,
            Choices: Words((RiskLevel.Low, "Low"), (RiskLevel.Medium, "Medium"), (RiskLevel.High, "High"), (RiskLevel.NotKnown, "Not known"))),
        new("referrerView.riskReason", "Why do you think that?", QuestionKind.Textarea, "Say what you know that makes you think so"),
    ]);

    public static readonly IReadOnlyList<Section> All = [Referrer, Children, Household, Consent, Concern, Support, View];

    public static Section? Find(string slug) => All.FirstOrDefault(s => s.Slug == slug);

    /// <summary>The section and item a form path belongs to ("children[1].nhsNumber": the children, child 1), for links to it.</summary>
    public static (Section Section, int? Item)? Locate(string path)
    {
        foreach (var section in All)
        {
            if (section.List is { } list && path.StartsWith(list + "[", StringComparison.Ordinal))
            {
                var close = path.IndexOf(']');
                return int.TryParse(path[(list.Length + 1)..close], out var item) ? (section, item) : (section, null);
            }
            if (section.List is null && section.Questions.Any(q => path == q.Path || path.StartsWith(q.Path + "[", StringComparison.Ordinal)))
                return (section, null);
        }
        if (path == "children") return (Children, null);
        if (path is "concern" or "referrer") return (path == "concern" ? Concern : Referrer, null);
        return null;
    }
}
