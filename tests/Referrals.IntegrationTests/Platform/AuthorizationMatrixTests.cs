using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.Triage;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// Every endpoint the running service exposes, against every kind of caller, checked against one declared
/// table. An endpoint added without an explicit policy, or left out of the table, fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests(Apps apps) : IClassFixture<Apps>
{
    private static readonly string[] Referring = [Roles.Referrer, Roles.Practitioner, Roles.Manager];
    private static readonly string[] Triaging_ = [Roles.Practitioner, Roles.Manager];
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Public = [];
    /// <summary>Open to anyone, and answering 403 to everyone: the page that explains a refusal (where one is sent).</summary>
    private static readonly string[] RefusalPage = new string[0]; // its own instance: [] is the one shared empty array
    /// <summary>What each refusal page says it is.</summary>
    private static readonly Dictionary<string, string> RefusalHeadings = new()
    {
        ["GET /partner/not-for-you"] = "You cannot use these pages",
        ["GET /sign-in/failed"] = "You could not be signed in",
    };
    /// <summary>A partner's page: a referrer signed in with the session cookie, never a bearer token.</summary>
    private static readonly string[] SessionOnly = [Roles.Referrer + " (session)"];

    /// <summary>
    /// What is allowed: the roles each endpoint's policy lets through (empty: open to anyone). A referrer passes only for
    /// its own agency's referrals: another agency's answer 404, as if they did not exist.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["POST /v1/referrals"] = Referring,
        ["POST /v1/referrals/quality-check"] = Referring,
        ["GET /v1/referrals"] = Referring,
        ["GET /v1/referrals/{id:guid}"] = Referring,
        ["GET /v1/referrals/{id:guid}/submission"] = Referring,
        ["GET /v1/referrals/{id:guid}/outcome"] = Referring,
        ["POST /v1/referrals/{id:guid}/withdraw"] = [Roles.Referrer],
        ["GET /v1/referrals/{id:guid}/audit"] = [Roles.Auditor],
        ["GET /v1/referrals/{id:guid}/attachments/{attachmentId:guid}"] = Referring,
        // Drafts: a referrer's own only; anyone else who may write a referral finds none (404).
        ["POST /v1/drafts"] = Referring,
        ["GET /v1/drafts"] = Referring,
        ["GET /v1/drafts/{id:guid}"] = Referring,
        ["PUT /v1/drafts/{id:guid}"] = Referring,
        ["DELETE /v1/drafts/{id:guid}"] = Referring,
        ["POST /v1/drafts/{id:guid}/submit"] = Referring,
        ["POST /v1/drafts/{id:guid}/attachments"] = Referring,
        ["GET /v1/drafts/{id:guid}/attachments/{attachmentId:guid}"] = Referring,
        ["DELETE /v1/drafts/{id:guid}/attachments/{attachmentId:guid}"] = Referring,
        ["GET /v1/referrals/{id:guid}/feedback-status"] = Triaging_,
        ["GET /v1/triage/queue"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/assignment"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/information-requests"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/information-requests/{requestId:guid}/answer"] = [Roles.Referrer],
        ["PUT /v1/referrals/{id:guid}/rag"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/checks"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/children/{childId:guid}/decision"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/children/{childId:guid}/decision/sign-off"] = [Roles.Manager],
        ["POST /v1/referrals/{id:guid}/link"] = Triaging_,
        ["POST /v1/referrals/{id:guid}/close"] = Triaging_,
        ["PUT /v1/referrals/{id:guid}/children/{childId:guid}/allocation"] = Triaging_,
        ["GET /v1/feedback/events"] = [Roles.Referrer],
        ["GET /v1/feedback/subscriptions"] = [Roles.Manager],
        ["POST /v1/feedback/subscriptions"] = [Roles.Manager],
        ["DELETE /v1/feedback/subscriptions/{id:guid}"] = [Roles.Manager],
        ["GET /v1/metrics/volume"] = [Roles.Analyst, Roles.Manager],
        ["GET /v1/metrics/quality"] = [Roles.Analyst, Roles.Manager],
        ["GET /v1/metrics/outcomes"] = [Roles.Analyst, Roles.Manager],
        ["GET /v1/metrics/timeliness"] = [Roles.Analyst, Roles.Manager],
        ["GET /v1/metrics/fortnightly-report"] = [Roles.Analyst, Roles.Manager],
        ["GET /v1/exports/contacts"] = [Roles.Manager, Roles.Auditor],
        ["GET /v1/exports/referrals"] = [Roles.Manager, Roles.Auditor],
        ["GET /v1/exports/annex-a"] = [Roles.Manager, Roles.Auditor],
        ["GET /v1/reference-data/agencies"] = Everyone,
        ["GET /v1/reference-data/concern-categories"] = Everyone,
        ["GET /v1/reference-data/levels-of-need"] = Everyone,
        ["GET /v1/reference-data/risk-levels"] = Everyone,
        ["GET /v1/reference-data/channels"] = Everyone,
        ["GET /v1/reference-data/genders"] = Everyone,
        ["GET /v1/reference-data/ethnicities"] = Everyone,
        ["GET /v1/reference-data/disabilities"] = Everyone,
        ["GET /v1/reference-data/quality-rubric"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Public,
        ["HEAD /openapi/{documentName}.json"] = Public,
        ["GET /problems/{slug}"] = Public,
        ["GET /docs/{documentName?}"] = Public, // the API reference page and what it loads
        ["GET /docs/scalar.js"] = Public,
        ["GET /docs/scalar.aspnetcore.js"] = Public,
        ["GET /docs/favicon.svg"] = Public,
        ["ANY /metrics"] = Public,
        // The pages: signing in and out is open to anyone; the partner's pages take the session cookie only (PartnerPagesTests
        // proves each against each signed-in role), so every bearer token here, whatever its role, is sent to sign in (302).
        ["GET "] = Public,
        ["GET /sign-in"] = Public,
        ["POST /sign-out"] = Public,
        ["GET /signed-out"] = Public,
        ["GET /sign-in/development"] = Public, // Development with Referrals 6's opt-in only (PartnerPagesTests)
        ["POST /sign-in/development"] = Public,
        ["GET /partner/not-for-you"] = RefusalPage,
        ["GET /sign-in/failed"] = RefusalPage, // where a refused sign-in at the identity provider lands (IdentityProviderSignInTests)
        ["GET /partner"] = SessionOnly,
        ["GET /partner/session"] = SessionOnly,
        ["GET /partner/referrals/{id:guid}"] = SessionOnly,
        ["GET /partner/referrals/{id:guid}/sent"] = SessionOnly,
        ["POST /partner/referrals/{id:guid}/questions/{requestId:guid}"] = SessionOnly,
        ["GET /partner/referrals/{id:guid}/copy"] = SessionOnly,
        ["GET /partner/referrals/{id:guid}/documents/{attachmentId:guid}"] = SessionOnly,
        ["POST /partner/drafts"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/check"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/send"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/delete"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/delete"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/documents"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/documents"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/documents/{attachmentId:guid}"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/documents/{attachmentId:guid}/remove"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/{section}"] = SessionOnly,
        ["GET /partner/drafts/{id:guid}/{section}/{item:int}"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/{section}"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/{section}/{item:int}"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/{section}/add"] = SessionOnly,
        ["POST /partner/drafts/{id:guid}/{section}/{item:int}/remove"] = SessionOnly, // to the monitoring network only, and 404 to everyone else (TelemetryTests)
        ["ANY /health/live"] = Public, // health checks answer any method
        ["ANY /health/ready"] = Public,
    };

    private static IReadOnlyList<(string Key, Endpoint Endpoint)> Exposed(ReferralsApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} {e.RoutePattern.RawText!.TrimEnd('/')}", (Endpoint)e)))
            .ToList();

    [Fact]
    public void Every_endpoint_has_an_explicit_policy_and_a_row_in_the_table()
    {
        var app = apps.For(Engine.Sqlite);
        var exposed = Exposed(app);
        var wrong = new List<string>();
        foreach (var (key, endpoint) in exposed)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!anonymous && (policies.Count == 0 || policies.Any(string.IsNullOrEmpty))) wrong.Add($"{key} has no explicit policy");
            if (!Allowed.TryGetValue(key, out var roles)) wrong.Add($"{key} is not in the authorization table");
            else if (anonymous != (roles.Length == 0)) wrong.Add($"{key}: open to anyone in the service but not in the table, or the other way round");
        }
        wrong.AddRange(Allowed.Keys.Except(exposed.Select(e => e.Key)).Select(key => $"{key} is in the table but not exposed"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Each_caller_gets_exactly_what_the_table_allows_on_every_endpoint(Engine engine)
    {
        var app = apps.For(engine);
        var practitioner = app.As(Roles.Practitioner);
        var referral = await Take(practitioner, await Submit(app)).Ok();
        referral = await Send(practitioner, HttpMethod.Post, $"/v1/referrals/{referral.Id}/information-requests",
            new RequestInformation.Body("Has the family been told of this referral?"), referral.Version).Ok();
        // A document sent with the referral, and a draft of the own agency's referrer with one of its own.
        var own = Callers.Client(app, Callers.OwnAgency);
        var sent = await Drafts.Drafting.Start(own, Forms.Siblings());
        var sentDocument = await Drafts.Drafting.Attach(own, sent.Id, Drafts.Drafting.Pdf(), "sent.pdf");
        var withDocument = await (await Drafts.Drafting.Submit(own, sent.Id, sent.Version))
            .Read<global::Referrals.Api.Features.Referrals.SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var draft = await Drafts.Drafting.Start(own, Forms.Siblings());
        var draftDocument = await Drafts.Drafting.Attach(own, draft.Id, Drafts.Drafting.Pdf(), "draft.pdf");
        var ids = new Dictionary<string, string>
        {
            ["{id:guid}"] = referral.Id.ToString(), ["{childId:guid}"] = referral.Contacts[0].Id.ToString(),
            ["{requestId:guid}"] = referral.InformationRequests[0].Id.ToString(), ["{documentName}"] = "v1",
            ["{slug}"] = "not-found", ["{documentName?}"] = "",
        };
        // A body each change accepts where a referrer may send it (so another agency's 404 is not a refused body);
        // elsewhere an empty object: whatever the handler makes of it, a refusal would have come first.
        var bodies = new Dictionary<string, string>
        {
            ["POST /v1/referrals/{id:guid}/withdraw"] = """{"reason":"Sent in error."}""",
            ["POST /v1/referrals/{id:guid}/information-requests/{requestId:guid}/answer"] = """{"answer":"Yes, mother knows."}""",
        };

        var wrong = new List<string>();
        var checkedPairs = 0;
        // The withdrawal last: it ends the referral's triage; and the removal of the draft's document after its reading.
        foreach (var (key, endpoint) in Exposed(app).OrderBy(e => e.Key.Contains("/withdraw") || e.Key.StartsWith("DELETE /v1/drafts")))
        {
            var method = key[..key.IndexOf(' ')] is "ANY" ? "GET" : key[..key.IndexOf(' ')];
            var route = key[(key.IndexOf(' ') + 1)..];
            route = route.Replace("{section}", "children").Replace("{item:int}", "0").Replace("{requestId:guid}", referral.InformationRequests[0].Id.ToString());
            var url = route.StartsWith("/v1/drafts/") || route.StartsWith("/partner/drafts/") ? route.Replace("{id:guid}", draft.Id.ToString()).Replace("{attachmentId:guid}", draftDocument.Id.ToString())
                : route.Contains("{attachmentId:guid}") ? route.Replace("{id:guid}", withDocument.Id.ToString()).Replace("{attachmentId:guid}", sentDocument.Id.ToString())
                : route;
            url = ids.Aggregate(url, (path, id) => path.Replace(id.Key, id.Value));
            if (url.StartsWith("/v1/metrics") || url.StartsWith("/v1/exports")) url += "?from=2026-11-09&to=2026-11-22&fortnight=2026-11-09";
            var roles = Allowed[key];
            foreach (var caller in Callers.All)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{referral.Version}\"");
                if (key == "POST /v1/drafts/{id:guid}/attachments")
                    request.Content = new MultipartFormDataContent { { new ByteArrayContent(Drafts.Drafting.Pdf()), "file", "matrix.pdf" } };
                else if (method is "POST" or "PUT")
                    request.Content = new StringContent(bodies.GetValueOrDefault(key, "{}"), Encoding.UTF8, "application/json");
                var response = await Callers.Client(app, caller).SendAsync(request);
                var status = (int)response.StatusCode;
                var role = caller is Callers.OwnAgency or Callers.OtherAgency or Callers.PublicSource ? Roles.Referrer : caller;
                var expected = roles == RefusalPage ? "403"
                    : roles.Length == 0 ? "allowed"
                    : roles == SessionOnly ? "302"
                    : caller == Callers.Anonymous ? "401"
                    : caller == Callers.PublicSource ? "403"
                    : !roles.Contains(role) ? "403"
                    : caller == Callers.OtherAgency && key.Contains("{id:guid}") ? "404"
                    : "allowed";
                var ok = expected == "allowed" ? status is not (401 or 403) && status < 500 : status.ToString() == expected;
                if (!ok) wrong.Add($"{key} as {caller}: {status}, expected {expected}");
                else if (roles == RefusalPage)
                    Assert.Contains(RefusalHeadings[key], await response.Content.ReadAsStringAsync());
                else if (expected == "302") Assert.StartsWith("/sign-in?returnUrl=", response.Headers.Location?.PathAndQuery);
                else if (expected != "allowed") await response.Problem((HttpStatusCode)status);
                checkedPairs++;
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(Allowed.Count * Callers.All.Length, checkedPairs);
    }
}
