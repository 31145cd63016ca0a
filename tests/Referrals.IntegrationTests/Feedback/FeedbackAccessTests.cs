using Referrals.Api.Features.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

/// <summary>Every feedback operation against every kind of caller, in one table.</summary>
public sealed class FeedbackAccessTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Each_caller_gets_exactly_what_the_table_allows(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Feedbacking.ToOutcome(app);
        var table = new (string Operation, Func<HttpClient, Task<HttpResponseMessage>> Call, int[] Expected)[]
        {
            // anonymous, own agency, another agency, practitioner, manager, analyst, auditor, members of the public
            ("GET outcome", c => c.GetAsync($"/v1/referrals/{referral.Id}/outcome"), [401, 200, 404, 200, 200, 403, 403, 403]),
            ("GET submission as HTML", c => c.GetAccepting($"/v1/referrals/{referral.Id}/submission", "text/html"), [401, 200, 404, 200, 200, 403, 403, 403]),
            ("GET feedback-status", c => c.GetAsync($"/v1/referrals/{referral.Id}/feedback-status"), [401, 403, 403, 200, 200, 403, 403, 403]),
            ("GET feed", c => c.GetAsync("/v1/feedback/events"), [401, 200, 200, 403, 403, 403, 403, 403]),
            ("GET subscriptions", c => c.GetAsync("/v1/feedback/subscriptions"), [401, 403, 403, 403, 200, 403, 403, 403]),
            ("POST subscription", c => c.PostJson("/v1/feedback/subscriptions", new CreateSubscription.Body(School, "https://school.example.org/hook")), [401, 403, 403, 403, 201, 403, 403, 403]),
            ("DELETE subscription", async c => await c.DeleteAsync($"/v1/feedback/subscriptions/{(await Feedbacking.Subscribe(app, "https://school.example.org/hook")).Id}"), [401, 403, 403, 403, 204, 403, 403, 403]),
        };
        var wrong = new List<string>();
        foreach (var (operation, call, expected) in table)
            for (var i = 0; i < Callers.All.Length; i++)
            {
                var response = await call(Callers.Client(app, Callers.All[i]));
                if ((int)response.StatusCode != expected[i]) wrong.Add($"{operation} as {Callers.All[i]}: {(int)response.StatusCode}, expected {expected[i]}");
                else if (expected[i] >= 400) await response.Problem((HttpStatusCode)expected[i]);
            }
        Assert.Empty(wrong);
    }
}
