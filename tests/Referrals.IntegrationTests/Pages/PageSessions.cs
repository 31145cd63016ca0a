using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Referrals.IntegrationTests.Pages;

/// <summary>A browser's session with the pages, without a browser: cookies kept, redirects not followed, forms posted with their token.</summary>
public sealed partial class PageSession(HttpClient client)
{
    public HttpClient Client => client;

    public static PageSession Open(ReferralsApp app, string baseAddress = "http://localhost") =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) }));

    /// <summary>Signs in on the Development sign-in page; the answer to the sign-in.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string role, string? agency = "SCH-DERBY-MOOR") =>
        await PostFormAsync("/sign-in/development", new() { ["role"] = role, ["agency"] = agency ?? "", ["name"] = "Jo Bloggs", ["returnUrl"] = "/partner" });

    /// <summary>Posts a page's form as a browser would: with the antiforgery token the page (GET first) gave.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? url);
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
