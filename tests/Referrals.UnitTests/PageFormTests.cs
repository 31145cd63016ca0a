using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Referrals.Api.Domain;
using Referrals.Api.Pages;

namespace Referrals.UnitTests;

public sealed class PageFormTests
{
    private static readonly Guid Id = Guid.Parse("0193a0c4-5b7e-7c1a-9f3e-2b8d4c6a1e31");

    [Fact]
    public void A_list_names_one_of_its_items_with_the_right_article()
    {
        Assert.Equal("a child", FormSections.Children.OneItem);
        Assert.Equal("an adult", FormSections.Household.OneItem);
    }

    [Theory]
    [InlineData("concern.childsVoice", "/concern#concern-childsVoice")]
    [InlineData("referrer.phone", "/about-you#referrer-phone")]
    [InlineData("children[1].nhsNumber", "/children/1#children-1-nhsNumber")]
    [InlineData("household[0].relationships[0].childIndex", "/household/0#household-0-relationships")]
    [InlineData("concern", "/concern#concern-categories")]
    [InlineData("children", "/children#children")]
    [InlineData("referrerView.levelOfNeed", "/your-view#referrerView-levelOfNeed")]
    [InlineData("channel", "/documents")]
    public void Each_prompt_and_error_links_to_the_question_that_answers_it(string path, string link) =>
        Assert.Equal($"/partner/drafts/{Id}{link}", DraftLinks.Question(Id, path));

    private static FormCollection Posted(params (string Name, string Value)[] fields) =>
        new(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray())));

    [Fact]
    public void A_posted_child_becomes_the_form_the_api_reads()
    {
        var answers = FormAnswers.Of(new ReferralForm());
        var child = answers.Add("children");
        var errors = new List<PageError>();
        answers.Take(FormSections.Children, child, Posted(("children[0].firstName", " Amy "), ("children[0].dateOfBirth.day", "14"),
            ("children[0].dateOfBirth.month", "3"), ("children[0].dateOfBirth.year", "2015"), ("children[0].gender", "female"),
            ("children[0].disabilities", "AUT"), ("children[0].disabilities", "VIS"), ("children[0].safeNow", "not-known"),
            ("children[0].estimatedAgeYears", "")), errors);
        var form = answers.ToForm(errors);
        Assert.Empty(errors);
        var amy = Assert.Single(form!.Children!);
        Assert.Equal(("Amy", new DateOnly(2015, 3, 14), Gender.Female, Answer.NotKnown), (amy.FirstName, amy.DateOfBirth, amy.Gender, amy.SafeNow));
        Assert.Equal(["AUT", "VIS"], amy.Disabilities);
        Assert.Null(amy.EstimatedAgeYears);
    }

    [Theory]
    [InlineData("31", "2", "2015", "Date of birth must be a real date")]
    [InlineData("14", "", "2015", "Date of birth must include a month")]
    [InlineData("", "", "15", "Date of birth must include a day and a month")]
    [InlineData("1", "1", "15", "Date of birth must be a real date")]
    public void A_date_that_cannot_be_read_is_named_in_plain_words(string day, string month, string year, string message)
    {
        var answers = FormAnswers.Of(new ReferralForm { Children = [new ChildDetails()] });
        var errors = new List<PageError>();
        answers.Take(FormSections.Children, 0, Posted(("children[0].dateOfBirth.day", day), ("children[0].dateOfBirth.month", month),
            ("children[0].dateOfBirth.year", year)), errors);
        Assert.Equal([new PageError("children[0].dateOfBirth", message)], errors);
    }

    [Fact]
    public void Removing_a_child_keeps_each_adults_relationships_pointing_at_the_right_children()
    {
        var answers = FormAnswers.Of(new ReferralForm
        {
            Children = [new() { FirstName = "Amy" }, new() { FirstName = "Ben" }, new() { FirstName = "Cat" }],
            Household = [new() { Name = "Carol", Relationships = [new() { ChildIndex = 0, Relationship = "mother" }, new() { ChildIndex = 2, Relationship = "aunt" }] }],
        });
        answers.Remove("children", 0);
        var form = answers.ToForm([])!;
        Assert.Equal(["Ben", "Cat"], form.Children!.Select(c => c.FirstName));
        var relationship = Assert.Single(form.Household![0].Relationships!);
        Assert.Equal((1, "aunt"), (relationship.ChildIndex, relationship.Relationship));
    }

    [Fact]
    public void A_section_is_complete_when_every_question_all_children_need_is_answered()
    {
        Assert.Equal("Not yet started", DraftLinks.Status(FormSections.Consent, FormAnswers.Of(new ReferralForm())));
        Assert.Equal("In progress", DraftLinks.Status(FormSections.Consent, FormAnswers.Of(new ReferralForm { Consent = new() { ParentsAware = Answer.Yes } })));
        Assert.Equal("Completed", DraftLinks.Status(FormSections.Consent,
            FormAnswers.Of(new ReferralForm { Consent = new() { ParentsAware = Answer.Yes, ParentsConsented = Answer.NotKnown } })));
    }
}
