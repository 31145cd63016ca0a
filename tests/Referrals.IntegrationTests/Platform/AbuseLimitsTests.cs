using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Platform;

public sealed class AbuseLimitsTests
{
    [Theory, OnSqlite]
    public async Task Each_user_has_an_allowance_of_submissions_and_of_figures_a_minute_then_429_with_retry_after(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?>
        {
            ["Limits:SubmissionsPerMinute"] = "3", ["Limits:QualityChecksPerMinute"] = "4", ["Limits:MetricsPerMinute"] = "2",
        });
        var school = app.As(Roles.Referrer, School);
        // Checks have their own, larger allowance: a form checks the draft as the referrer types.
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await school.PostJson("/v1/referrals/quality-check", Forms.Siblings())).StatusCode);
        await (await school.PostJson("/v1/referrals/quality-check", Forms.Siblings())).Problem(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await school.PostJson("/v1/referrals", Forms.Siblings())).StatusCode);
        var refused = await school.PostJson("/v1/referrals", Forms.Siblings());
        await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        await using (var db = app.Db()) Assert.Equal(3, await db.Referrals.CountAsync());
        // Another user's allowance is their own.
        Assert.Equal(HttpStatusCode.Created, (await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").PostJson("/v1/referrals", Forms.Siblings())).StatusCode);

        var analyst = app.As(Roles.Analyst);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/v1/metrics/volume?from=2026-11-09&to=2026-11-22")).StatusCode);
        await (await analyst.GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).StatusCode);
    }

    [Theory, OnSqlite]
    public async Task Each_user_has_an_allowance_of_reads_a_minute_so_a_script_cannot_fill_the_audit_trail(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Limits:ReadsPerMinute"] = "3" });
        var referral = await Submit(app);
        var practitioner = app.As(Roles.Practitioner, userId: "reader");
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync("/v1/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync($"/v1/referrals/{referral.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync("/v1/triage/queue")).StatusCode);
        await using (var db = app.Db()) Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.UserId == "reader"));
        foreach (var url in new[] { "/v1/referrals", $"/v1/referrals/{referral.Id}", $"/v1/referrals/{referral.Id}/submission" })
        {
            var refused = await practitioner.GetAsync(url);
            await refused.Problem(HttpStatusCode.TooManyRequests);
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        }
        // Refused reads read nothing, so audit nothing; another user reads on.
        await using (var db = app.Db()) Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.UserId == "reader"));
        Assert.Equal(HttpStatusCode.OK, (await app.As(Roles.Practitioner, userId: "colleague").GetAsync($"/v1/referrals/{referral.Id}")).StatusCode);
    }

    [Fact]
    public async Task Pdf_copies_render_a_few_at_a_time_and_the_rest_are_told_to_try_again_while_health_answers()
    {
        using var app = new ReferralsApp(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["Limits:PdfRendersAtOnce"] = "1", ["Limits:PdfWait"] = "00:00:00.300",
        });
        var referral = await Submit(app);
        var reader = app.As(Roles.Practitioner);
        var rendering = app.Services.GetRequiredService<Api.Features.Referrals.PdfRendering>();
        await rendering.Slots.WaitAsync(); // one PDF is rendering
        var busy = await reader.GetAccepting($"/v1/referrals/{referral.Id}/submission", "application/pdf");
        await busy.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("5", busy.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAccepting($"/v1/referrals/{referral.Id}/submission", "text/html")).StatusCode);
        rendering.Slots.Release();
        var pdf = await reader.GetAccepting($"/v1/referrals/{referral.Id}/submission", "application/pdf");
        if (Api.Features.Referrals.SubmissionFonts.Available) Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Theory, OnSqlite]
    public async Task Every_answer_carries_the_security_headers(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Submit(app);
        var answers = new[]
        {
            await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}"),
            await app.Anonymous().GetAsync("/v1/referrals"),
            await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{Guid.NewGuid()}"),
            await app.As(Roles.Practitioner).GetAccepting($"/v1/referrals/{referral.Id}/submission", "text/html"),
        };
        foreach (var answer in answers)
        {
            var why = $"{answer.RequestMessage!.RequestUri} ({(int)answer.StatusCode})";
            Assert.True(answer.Headers.GetValues("X-Content-Type-Options").Single() == "nosniff", why);
            Assert.True(answer.Headers.GetValues("X-Frame-Options").Single() == "DENY", why);
            Assert.True(answer.Headers.GetValues("Referrer-Policy").Single() == "no-referrer", why);
            Assert.True(answer.Headers.CacheControl?.NoStore == true, why);
            Assert.Contains("frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
        }
        // The printable copy keeps its own policy (its inline style), and still no script.
        Assert.DoesNotContain("script-src 'unsafe", answers[3].Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.BadRequest)]          // no proxy configured: loopback is not trusted either
    [InlineData("10.1.2.3", HttpStatusCode.BadRequest)]    // another proxy is configured
    [InlineData("127.0.0.1", HttpStatusCode.OK)]           // the configured proxy is believed
    [InlineData("127.0.0.0/8", HttpStatusCode.OK)]
    public async Task Forwarded_headers_are_believed_only_from_the_configured_proxies(string? proxy, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?> { ["Https:Require"] = "true" };
        if (proxy is not null) settings["Https:TrustedProxies:0"] = proxy;
        using var app = new ReferralsApp(Engine.Sqlite, settings);
        // A real connection from 127.0.0.1, claiming that TLS ended at a proxy in front.
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(Roles.Practitioner));
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var response = await client.GetAsync("/v1/reference-data/agencies");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest) await response.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Where_https_is_required_plain_http_is_refused_except_health_and_https_answers_carry_hsts()
    {
        using var app = new ReferralsApp(Engine.Sqlite, new Dictionary<string, string?> { ["Https:Require"] = "true" });
        var plain = app.As(Roles.Practitioner);
        var problem = await (await plain.GetAsync("/v1/reference-data/agencies")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("HTTPS", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health/live")).StatusCode);

        var secure = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://referrals.example.gov.uk") });
        secure.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(Roles.Practitioner));
        var answer = await secure.GetAsync("/v1/reference-data/agencies");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", answer.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
