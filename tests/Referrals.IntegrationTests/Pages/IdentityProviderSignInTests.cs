using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Data;
using Tampering = Referrals.IntegrationTests.Infrastructure.IdentityProvider.Tampering;

namespace Referrals.IntegrationTests.Pages;

/// <summary>
/// Production's sign-in end to end: the service (configured as in production, no development key) sends the browser to
/// the council's identity provider, takes the code back, redeems it with its secret and PKCE verifier, checks the
/// id_token and opens a cookie session holding the role and agency the provider's claims give.
/// </summary>
public sealed partial class IdentityProviderSignInTests
{
    private static readonly Dictionary<string, object> Partner = new()
    {
        ["sub"] = "council-idp-7731", ["name"] = "Sam Lead", ["roles"] = new[] { "referrer" }, ["org"] = "SCH-DERBY-MOOR",
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task A_partner_signs_in_through_the_councils_identity_provider_and_acts_as_its_agency(Engine engine)
    {
        await using var provider = await IdentityProvider.StartAsync();
        using var app = new ReferralsApp(engine, provider.AppSettings(), "Production");
        provider.User = Partner;
        var browser = PageSession.Open(app, "https://localhost");

        var signedIn = await SignInAsync(browser, provider, "/partner/drafts");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(signedIn.Headers.Location?.OriginalString == "/partner/drafts",
            string.Join("\n", app.Logs.Lines.Where(l => l.Contains("sign-in") || l.Contains("OpenIdConnect"))));
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Referrals="));
        Assert.Matches("(?i); secure", session);
        Assert.Matches("(?i); httponly", session);

        var home = await browser.Client.GetStringAsync("/partner");
        Assert.Contains("Signed in as Sam Lead, Derby Moor Academy", home);
        var started = await browser.PostFormAsync("/partner/drafts", [], tokenFrom: "/partner");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        using var scope = app.Services.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>()
            .Set<global::Referrals.Api.Features.Drafts.Draft>().SingleAsync();
        Assert.Equal(("council-idp-7731", "SCH-DERBY-MOOR"), (draft.OwnerId, draft.AgencyCode));
        Assert.Equal(1, provider.TokensIssued);

        // The code was good once: posting the same answer again opens no second session.
        var replay = PageSession.Open(app, "https://localhost");
        Assert.Equal("/sign-in/failed", (await replay.Client.PostAsync("/sign-in/callback", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["code"] = "used", ["state"] = "forged" }))).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.Client.GetAsync("/partner")).StatusCode);

        // Signing out ends the service's session (its form's token was made for the signed-in user, and checked against
        // her), then hers at the provider, which sends her back to "signed out".
        var signOut = await browser.PostFormAsync("/sign-out", [], tokenFrom: "/partner");
        Assert.StartsWith($"{provider.Url}/end-session?", signOut.Headers.Location?.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/partner")).StatusCode);
        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = (await toProvider.GetAsync(signOut.Headers.Location)).Headers.Location!;
        Assert.Equal(1, provider.SessionsEnded);
        Assert.Equal("https://localhost/sign-out/callback", back.GetLeftPart(UriPartial.Path));
        Assert.Equal("/signed-out", (await browser.Client.GetAsync(back)).Headers.Location?.OriginalString);
    }

    public static TheoryData<string, Dictionary<string, object>> Refused => new()
    {
        { "two roles", new() { ["sub"] = "u1", ["roles"] = new[] { "referrer", "manager" }, ["org"] = "SCH-DERBY-MOOR" } },
        { "no role", new() { ["sub"] = "u1", ["org"] = "SCH-DERBY-MOOR" } },
        { "a role this service does not have", new() { ["sub"] = "u1", ["roles"] = new[] { "administrator" } } },
        { "an agency the council does not list", new() { ["sub"] = "u1", ["roles"] = new[] { "referrer" }, ["org"] = "SCH-NOWHERE" } },
        { "no agency", new() { ["sub"] = "u1", ["roles"] = new[] { "referrer" } } },
        { "the public, which is no agency", new() { ["sub"] = "u1", ["roles"] = new[] { "referrer" }, ["org"] = "PUBLIC-ANONYMOUS" } },
        { "no subject", new() { ["name"] = "Sam", ["roles"] = new[] { "referrer" }, ["org"] = "SCH-DERBY-MOOR" } },
    };

    [Theory, MemberData(nameof(Refused))]
    public async Task A_user_the_service_cannot_act_for_is_refused_a_session(string why, Dictionary<string, object> user)
    {
        await using var provider = await IdentityProvider.StartAsync();
        using var app = new ReferralsApp(Engine.Sqlite, provider.AppSettings(), "Production");
        provider.User = user;
        await AssertRefusedAsync(app, provider, why);
    }

    [Theory]
    [InlineData(Tampering.OtherKey)]
    [InlineData(Tampering.Unsigned)]
    [InlineData(Tampering.OtherAudience)]
    [InlineData(Tampering.OtherIssuer)]
    [InlineData(Tampering.OtherNonce)]
    [InlineData(Tampering.Expired)]
    public async Task An_id_token_the_service_cannot_trust_opens_no_session(Tampering tampering)
    {
        await using var provider = await IdentityProvider.StartAsync();
        using var app = new ReferralsApp(Engine.Sqlite, provider.AppSettings(), "Production");
        provider.User = Partner;
        provider.Tamper = tampering;
        await AssertRefusedAsync(app, provider, tampering.ToString());
        Assert.Equal(1, provider.TokensIssued);
    }

    [Fact]
    public async Task A_sign_in_the_provider_refuses_or_that_is_forged_is_a_page_not_an_error()
    {
        await using var provider = await IdentityProvider.StartAsync();
        using var app = new ReferralsApp(Engine.Sqlite, provider.AppSettings(), "Production");
        provider.User = Partner;
        provider.Deny = true;
        await AssertRefusedAsync(app, provider, "denied");

        // Posted to the callback with no sign-in begun (no correlation cookie), or with nothing at all.
        var forger = PageSession.Open(app, "https://localhost");
        Dictionary<string, string>[] forged = [new() { ["code"] = "x", ["state"] = "y" }, new(), new() { ["error"] = "server_error" }];
        foreach (var fields in forged)
        {
            var answer = await forger.Client.PostAsync("/sign-in/callback", new FormUrlEncodedContent(fields));
            Assert.Equal("/sign-in/failed", answer.Headers.Location?.OriginalString);
        }
        foreach (var query in new[] { "", "?state=forged", "?state=" + new string('A', 4000) })
        {
            var answer = await forger.Client.GetAsync("/sign-out/callback" + query);
            Assert.True(answer.Headers.Location?.OriginalString == "/signed-out", $"{query}: {answer.StatusCode}");
        }
        var page = await forger.Client.GetAsync("/sign-in/failed");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You could not be signed in", await page.Content.ReadAsStringAsync());
        Assert.Equal(0, provider.TokensIssued);
    }

    private static async Task AssertRefusedAsync(ReferralsApp app, IdentityProvider provider, string why)
    {
        var browser = PageSession.Open(app, "https://localhost");
        var answer = await SignInAsync(browser, provider, "/partner");
        Assert.True(answer.Headers.Location?.OriginalString == "/sign-in/failed",
            $"{why}: {answer.StatusCode} {answer.Headers.Location}");
        Assert.Contains(app.Logs.Lines, l => l.Contains("A sign-in through the identity provider failed"));
        var cookies = answer.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("__Host-Referrals="));
        var home = await browser.Client.GetAsync("/partner");
        Assert.True(home.StatusCode == HttpStatusCode.Redirect && home.Headers.Location!.AbsolutePath == "/sign-in", why);
    }

    /// <summary>What the browser does: follows the service to the provider, the provider's page back, and posts it.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(PageSession browser, IdentityProvider provider, string returnUrl)
    {
        var challenge = await browser.Client.GetAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{provider.Url}/authorize?", authorize.AbsoluteUri);
        using var toProvider = new HttpClient();
        var page = await toProvider.GetStringAsync(authorize);
        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        Assert.Equal("https://localhost/sign-in/callback", action);
        var fields = HiddenField().Matches(page)
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await browser.Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
