using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Pages;

namespace Referrals.IntegrationTests.Pages;

public sealed class PartnerPagesTests(Apps apps) : IClassFixture<Apps>
{
    /// <summary>Every page against every kind of signed-in user: partners reach their own agency's only; the rest are turned away.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task Each_signed_in_role_reaches_exactly_the_pages_it_may(Engine engine)
    {
        var app = apps.For(engine);
        var own = PageSession.Open(app);
        await own.SignInAsync(Roles.Referrer);
        var started = await own.PostFormAsync("/partner/drafts", [], tokenFrom: "/partner");
        var draft = started.Headers.Location!.OriginalString;
        var referral = await Triage.Triaging.Submit(app);
        string[] pages =
        [
            "/partner", draft, $"{draft}/about-you", $"{draft}/children", $"{draft}/documents", $"{draft}/check", $"{draft}/delete",
            $"/partner/referrals/{referral.Id}", $"/partner/referrals/{referral.Id}/sent",
        ];
        foreach (var page in pages)
            Assert.True((await own.Client.GetAsync(page)).StatusCode == HttpStatusCode.OK, page);

        var other = PageSession.Open(app);
        await other.SignInAsync(Roles.Referrer, "POLICE-DERBYSHIRE");
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/partner")).StatusCode);
        foreach (var page in pages.Skip(1))
            Assert.True((await other.Client.GetAsync(page)).StatusCode == HttpStatusCode.NotFound, page);

        foreach (var role in new[] { Roles.Practitioner, Roles.Manager, Roles.Analyst, Roles.Auditor })
        {
            var staff = PageSession.Open(app);
            Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync(role, agency: null)).StatusCode);
            foreach (var page in pages)
            {
                var answer = await staff.Client.GetAsync(page);
                Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.AbsolutePath == "/partner/not-for-you",
                    $"{role} {page}: {answer.StatusCode} {answer.Headers.Location}");
            }
        }

        // Members of the public are no agency: no partner signs in for them.
        var pseudo = PageSession.Open(app);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await pseudo.SignInAsync(Roles.Referrer, "PUBLIC-ANONYMOUS")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await pseudo.Client.GetAsync("/partner")).StatusCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_form_posted_without_its_token_changes_nothing(Engine engine)
    {
        var app = apps.For(engine);
        var me = PageSession.Open(app);
        await me.SignInAsync(Roles.Referrer);
        var before = await app.CountAsync<global::Referrals.Api.Features.Drafts.Draft>();
        var forged = await me.Client.PostAsync("/partner/drafts", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("this page has expired", await forged.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.CountAsync<global::Referrals.Api.Features.Drafts.Draft>());
        // Nor with a token from another session.
        var someoneElse = PageSession.Open(app);
        var page = await someoneElse.Client.GetStringAsync("/sign-in/development");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var stolen = await me.Client.PostAsync("/partner/drafts", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(before, await app.CountAsync<global::Referrals.Api.Features.Drafts.Draft>());
    }

    [Fact]
    public async Task Over_https_every_cookie_is_secure_http_only_and_same_site_and_pages_allow_no_inline_script()
    {
        using var app = new ReferralsApp(Engine.Sqlite, new Dictionary<string, string?> { ["Https:Require"] = "true" });
        var me = PageSession.Open(app, "https://localhost");
        var signIn = await me.Client.GetAsync("/sign-in/development");
        var csp = signIn.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("<script>", await signIn.Content.ReadAsStringAsync());
        var antiforgery = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Referrals-Antiforgery="));
        Assert.Matches("(?i); secure", antiforgery);
        Assert.Matches("(?i); samesite=strict", antiforgery);
        Assert.Matches("(?i); httponly", antiforgery);

        var answer = await me.SignInAsync(Roles.Referrer);
        var session = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Referrals="));
        Assert.Matches("(?i); secure", session);
        Assert.Matches("(?i); httponly", session);
        Assert.Matches("(?i); samesite=lax", session);
        Assert.Matches("(?i); path=/", session);
        Assert.DoesNotMatch("(?i); domain=", session);
        Assert.True((await me.Client.GetAsync("/partner")).Headers.CacheControl?.NoStore);
    }

    [Theory, OnSqlite]
    public async Task A_session_ends_after_the_idle_minutes_and_the_longest_session_allowed(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Pages:SessionMinutes"] = "30", ["Pages:MaxSessionHours"] = "2" });
        var me = PageSession.Open(app);
        await me.SignInAsync(Roles.Referrer);
        Assert.Contains("data-session-seconds=\"1800\"", await me.Client.GetStringAsync("/partner"));
        // Thirty minutes from the last request, whenever that was (the page's warning counts from it).
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await me.Client.GetAsync("/partner")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await me.Client.GetAsync("/partner")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await me.Client.GetAsync("/partner")).StatusCode);

        // Busy all along, still signed out after the longest session.
        var busy = PageSession.Open(app);
        await busy.SignInAsync(Roles.Referrer);
        for (var minutes = 0; minutes < 120; minutes += 20)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.NoContent, (await busy.Client.GetAsync("/partner/session")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.Client.GetAsync("/partner")).StatusCode);
    }

    /// <summary>
    /// Several instances behind a load balancer: a session opened on one is read by the next, through the keys kept in
    /// the database, which are encrypted with the council's certificate (reading the database is not enough to forge one).
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task A_session_from_one_instance_is_read_by_another_and_their_shared_keys_are_encrypted(Engine engine)
    {
        var certificate = Path.Combine(Path.GetTempPath(), $"referrals-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Referrals data protection", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "keys-password"));
        }
        try
        {
            var settings = new Dictionary<string, string?> { ["Pages:KeysCertificatePath"] = certificate, ["Pages:KeysCertificatePassword"] = "keys-password" };
            using var first = new ReferralsApp(engine, settings);
            using var second = new ReferralsApp(engine, new Dictionary<string, string?>(settings) { ["Database:ConnectionString"] = first.ConnectionString });
            var me = PageSession.Open(first);
            var signedIn = await me.SignInAsync(Roles.Referrer);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Referrals=")).Split(';')[0];

            var elsewhere = second.CreateClient(new() { AllowAutoRedirect = false });
            elsewhere.DefaultRequestHeaders.Add("Cookie", cookie);
            var home = await elsewhere.GetAsync("/partner");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Signed in as Jo Bloggs", await home.Content.ReadAsStringAsync());

            using var scope = first.Services.CreateScope();
            var stored = await scope.ServiceProvider.GetRequiredService<global::Referrals.Api.Data.ReferralsDbContext>()
                .DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task The_development_sign_in_exists_only_in_development_with_its_key(string environment, bool withAuthority)
    {
        var settings = new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = environment == "Development" ? "" : null, ["Https:Require"] = "false" };
        if (withAuthority) settings["Auth:Authority"] = "https://login.council.example";
        if (environment == "Development") settings["Auth:Authority"] = "https://login.council.example";
        using var app = new ReferralsApp(Engine.Sqlite, settings, environment);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        // Not there: like any address the service does not have, it is no page (401 to the anonymous, as elsewhere).
        foreach (var answer in new[] { await client.GetAsync("/sign-in/development"), await client.PostAsync("/sign-in/development", new FormUrlEncodedContent([])) })
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, answer.StatusCode.ToString());
            Assert.DoesNotContain("Sign in for development", await answer.Content.ReadAsStringAsync());
        }
        // No identity provider client configured for the pages: sign-in says so rather than letting anyone in.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/sign-in")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Signing_in_never_sends_anyone_to_another_site(string returnUrl)
    {
        var app = apps.For(Engine.Sqlite);
        var me = PageSession.Open(app);
        var answer = await me.PostFormAsync("/sign-in/development",
            new() { ["role"] = Roles.Referrer, ["agency"] = "SCH-DERBY-MOOR", ["name"] = "Jo", ["returnUrl"] = returnUrl });
        Assert.Equal("/partner", answer.Headers.Location?.OriginalString);
        Assert.Equal("/partner", SignInPages.LocalOrHome(returnUrl));
    }

    [Fact]
    public void The_identity_providers_user_is_taken_only_with_one_role_and_a_listed_partners_agency()
    {
        var agencies = apps.For(Engine.Sqlite).Services.GetRequiredService<AgencyDirectory>();
        var pages = new PagesOptions { RoleClaim = "roles", AgencyClaim = "org" };
        System.Security.Claims.ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
            new(new System.Security.Claims.ClaimsIdentity(claims.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)), "oidc"));

        var partner = PageSetup.SessionPrincipal(User(("sub", "u1"), ("name", "Jo"), ("roles", "referrer"), ("org", "SCH-DERBY-MOOR")), pages, agencies);
        Assert.Equal(("u1", "Jo", "referrer", "SCH-DERBY-MOOR"),
            (partner!.FindFirst("sub")!.Value, partner.Identity!.Name, partner.FindFirst("role")!.Value, partner.FindFirst("agency")!.Value));
        Assert.True(partner.IsInRole(Roles.Referrer));
        Assert.Null(PageSetup.SessionPrincipal(User(("sub", "u1"), ("roles", "referrer"), ("org", "PUBLIC-ANONYMOUS")), pages, agencies));
        Assert.Null(PageSetup.SessionPrincipal(User(("sub", "u1"), ("roles", "referrer"), ("org", "NOT-LISTED")), pages, agencies));
        Assert.Null(PageSetup.SessionPrincipal(User(("sub", "u1"), ("roles", "referrer"), ("roles", "manager"), ("org", "SCH-DERBY-MOOR")), pages, agencies));
        Assert.Null(PageSetup.SessionPrincipal(User(("roles", "referrer"), ("org", "SCH-DERBY-MOOR")), pages, agencies));
        Assert.Null(PageSetup.SessionPrincipal(User(("sub", "u1"), ("roles", "superuser")), pages, agencies));
        var staff = PageSetup.SessionPrincipal(User(("sub", "u2"), ("roles", "practitioner"), ("org", "SCH-DERBY-MOOR")), pages, agencies);
        Assert.Null(staff!.FindFirst("agency"));
    }

    /// <summary>What a partner's browser fetches for the largest page (the concern's, with every category), compressed as sent.</summary>
    [Fact]
    public async Task The_largest_page_with_its_styles_and_scripts_is_under_200_KB_transferred()
    {
        var app = apps.For(Engine.Sqlite);
        var me = PageSession.Open(app);
        await me.SignInAsync(Roles.Referrer);
        var draft = (await me.PostFormAsync("/partner/drafts", [], tokenFrom: "/partner")).Headers.Location!.OriginalString;
        long total = 0;
        foreach (var url in new[] { $"{draft}/concern", "/frontend/pages.css", "/frontend/govuk-frontend.min.js", "/frontend/pages.js", "/frontend/images/favicon.ico" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            var response = await me.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.True(total < 200 * 1024, $"{total} bytes");
    }
}
