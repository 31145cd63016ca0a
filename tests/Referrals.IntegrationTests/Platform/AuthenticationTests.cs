using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Audit;
using System.Net.Http.Headers;
using System.Text;

namespace Referrals.IntegrationTests.Platform;

public sealed class AuthenticationTests(Apps apps) : IClassFixture<Apps>
{
    private const string Url = "/v1/reference-data/agencies";

    private static async Task<HttpResponseMessage> GetWith(ReferralsApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(Url);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_valid_token_for_each_role_is_accepted(Engine engine)
    {
        var app = apps.For(engine);
        foreach (var role in Roles.All)
            Assert.Equal(HttpStatusCode.OK, (await GetWith(app, app.Token(role, role == Roles.Referrer ? "SCH-DERBY-MOOR" : null))).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Missing_expired_tampered_wrongly_signed_or_addressed_tokens_get_401(Engine engine)
    {
        var app = apps.For(engine);
        var now = app.Clock.GetUtcNow();
        var valid = app.Token(Roles.Practitioner);
        var parts = valid.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].PadRight(parts[1].Length + (4 - parts[1].Length % 4) % 4, '=').Replace('-', '+').Replace('_', '/')));
        var elevated = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("practitioner", "manager"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var unsigned = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}")).TrimEnd('=') + "." + parts[1] + ".";

        var refused = new Dictionary<string, string>
        {
            ["expired"] = app.Token(Roles.Practitioner, issuedAt: now.AddHours(-9)),
            ["not yet valid"] = app.Token(Roles.Practitioner, issuedAt: now.AddHours(1)),
            ["tampered payload"] = $"{parts[0]}.{elevated}.{parts[2]}",
            ["alg none"] = unsigned,
            ["wrong key"] = app.Token(Roles.Practitioner, signWith: new AuthOptions { DevelopmentSigningKey = new string('k', 48), Audience = app.Auth.Audience, DevelopmentIssuer = app.Auth.DevelopmentIssuer }),
            ["wrong audience"] = app.Token(Roles.Practitioner, signWith: new AuthOptions { DevelopmentSigningKey = ReferralsApp.SigningKey, Audience = "another-api", DevelopmentIssuer = app.Auth.DevelopmentIssuer }),
            ["wrong issuer"] = app.Token(Roles.Practitioner, signWith: new AuthOptions { DevelopmentSigningKey = ReferralsApp.SigningKey, Audience = app.Auth.Audience, DevelopmentIssuer = "someone-else" }),
            ["garbage"] = "not-a-token",
        };
        foreach (var (why, token) in refused)
        {
            var response = await GetWith(app, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            await response.Problem(HttpStatusCode.Unauthorized);
        }
        await (await app.Anonymous().GetAsync(Url)).Problem(HttpStatusCode.Unauthorized);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Referrer_of_an_unknown_or_inactive_agency_or_without_a_role_is_forbidden(Engine engine)
    {
        var app = apps.For(engine);
        await (await GetWith(app, app.Token(Roles.Referrer, "NO-SUCH-AGENCY"))).Problem(HttpStatusCode.Forbidden);
        await (await GetWith(app, app.Token(Roles.Referrer, "SCH-CLOSED-ACADEMY"))).Problem(HttpStatusCode.Forbidden);
        await (await GetWith(app, app.Token(Roles.Referrer, agency: null))).Problem(HttpStatusCode.Forbidden);
        await (await GetWith(app, app.Token("superuser"))).Problem(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Members_of_the_public_are_not_an_agency_so_no_referrer_token_for_them_reads_anything(Engine engine)
    {
        var app = apps.For(engine);
        // An anonymous informant's referral, recorded by the First Contact Team from a phone call.
        var recorded = await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", Forms.ByPhone("PUBLIC-ANONYMOUS")))
            .Read<global::Referrals.Api.Features.Referrals.SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        foreach (var source in new[] { "PUBLIC-ANONYMOUS", "PUBLIC-FAMILY", "PUBLIC-ACQUAINTANCE", "PUBLIC-SELF" })
        {
            var client = app.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Token(Roles.Referrer, source));
            await (await client.GetAsync("/v1/referrals")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/v1/referrals/{recorded.Id}")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/v1/feedback/events")).Problem(HttpStatusCode.Forbidden);
            await (await client.PostJson("/v1/referrals", Forms.Siblings())).Problem(HttpStatusCode.Forbidden);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Tokens_with_two_roles_no_subject_or_too_long_a_life_are_refused_and_the_audit_names_the_role_that_acted(Engine engine)
    {
        var app = apps.For(engine);
        var now = app.Clock.GetUtcNow();
        Dictionary<string, object> Claims(object role, string? sub = "someone") =>
            new() { ["name"] = "Someone", ["role"] = role, ["agency"] = "SCH-DERBY-MOOR", ["sub"] = sub! };
        var refused = new Dictionary<string, string>
        {
            ["two roles"] = app.Signed(Claims(new[] { Roles.Referrer, Roles.Manager }), now, now.AddHours(1)),
            ["two roles, one repeated"] = app.Signed(Claims(new[] { Roles.Manager, Roles.Manager }), now, now.AddHours(1)),
            ["no subject"] = app.Signed(Claims(Roles.Manager, sub: null).Where(c => c.Key != "sub").ToDictionary(), now, now.AddHours(1)),
            ["empty subject"] = app.Signed(Claims(Roles.Manager, sub: ""), now, now.AddHours(1)),
            ["a year's life"] = app.Signed(Claims(Roles.Manager), now, now.AddDays(365)),
            ["no issue time"] = app.Signed(Claims(Roles.Manager), null, now.AddHours(1)),
        };
        foreach (var (why, token) in refused)
        {
            var response = await GetWith(app, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            await response.Problem(HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetWith(app, app.Signed(Claims(Roles.Manager), now, now.AddHours(12)))).StatusCode);

        var referral = await Triage.Triaging.Submit(app);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Token(Roles.Practitioner, userId: "prac-role-check"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/referrals/{referral.Id}")).StatusCode);
        await using var db = app.Db();
        Assert.Equal(Roles.Practitioner, (await db.AuditEntries.SingleAsync(a => a.UserId == "prac-role-check")).Role);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Health_is_anonymous_and_ready_checks_the_database(Engine engine)
    {
        var client = apps.For(engine).Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_the_database_is_unreachable()
    {
        using var app = new ReferralsApp(Engine.Sqlite);
        _ = app.Server;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
        File.Delete(file);
        Directory.CreateDirectory(file); // a folder where the database file was: nothing can open it
        try
        {
            var response = await app.Anonymous().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Healthy", await app.Anonymous().GetStringAsync("/health/live"));
            // A request that needs the database is told to come back, not that something broke.
            foreach (var attempt in new[] { app.As(Roles.Practitioner).GetAsync("/v1/referrals"), app.As(Roles.Referrer, "SCH-DERBY-MOOR").PostJson("/v1/referrals", Forms.Siblings()) })
            {
                var refused = await attempt;
                await refused.Problem(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
            }
        }
        finally { Directory.Delete(file); }
    }

    [Fact]
    public async Task Unknown_routes_answer_with_problems()
    {
        var client = apps.For(Engine.Sqlite).As(Roles.Practitioner);
        await (await client.GetAsync("/v1/nothing-here")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/v1/referrals")).Problem(HttpStatusCode.MethodNotAllowed);
    }
}
