using Referrals.Api.Common;

namespace Referrals.IntegrationTests.Platform;

/// <summary>Every problem type URI the service answers with leads to a page explaining it; an unknown one is a problem itself.</summary>
public sealed class ProblemTypesTests(Apps apps) : IClassFixture<Apps>
{
    [Fact]
    public async Task Each_problem_type_resolves_to_a_page_that_explains_it()
    {
        var anonymous = apps.For(Engine.Sqlite).Anonymous();
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(t => t.Uri).Distinct().Count());
        foreach (var type in ProblemTypes.All)
        {
            var response = await anonymous.GetAsync(type.Uri);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type.Uri}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(WebUtility.HtmlEncode(type.Title), page);
            Assert.Contains($"HTTP status {type.Status}", page);
        }
        var unknown = await anonymous.GetAsync("/problems/no-such-problem");
        await unknown.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_forbidden_role_and_a_missing_token_answer_the_same_shape_as_every_other_problem()
    {
        var app = apps.For(Engine.Sqlite);
        var forbidden = await (await app.As(Roles.Analyst).GetAsync("/v1/triage/queue")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("/problems/forbidden", forbidden.GetProperty("type").GetString());
        var anonymous = await (await app.Anonymous().GetAsync("/v1/triage/queue")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("/problems/unauthenticated", anonymous.GetProperty("type").GetString());
        var query = await (await app.As(Roles.Practitioner).GetAsync("/v1/triage/queue?state=nonsense")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/problems/invalid-request", query.GetProperty("type").GetString());
        Assert.Equal("The request has errors.", query.GetProperty("title").GetString());
        Assert.Equal(["state"], query.ErrorFields());
    }
}
