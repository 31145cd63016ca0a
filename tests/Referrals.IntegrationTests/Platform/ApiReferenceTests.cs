using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Referrals.IntegrationTests.Platform;

/// <summary>The API reference page at /docs: drawn from the served contract, with everything it runs served from here.</summary>
public sealed partial class ApiReferenceTests(Apps apps) : IClassFixture<Apps>
{
    [Fact]
    public async Task The_reference_page_reads_the_served_contract_and_runs_only_its_own_scripts()
    {
        var anonymous = apps.For(Engine.Sqlite).Anonymous();
        var response = await anonymous.GetAsync("/docs/");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"url\":\"openapi/referrals.v1.json\"", page);
        Assert.DoesNotContain("cdn.", page);
        Assert.Contains("\"telemetry\":false", page);

        // The one inline script is allowed by its hash, and nothing else inline or from elsewhere.
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var inline = InlineScript().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Single(inline);
        Assert.Contains($"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline[0])))}';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);

        foreach (var script in ScriptSource().Matches(page).Select(m => m.Groups[1].Value))
        {
            var file = await anonymous.GetAsync($"/docs/{script}");
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{script}: {(int)file.StatusCode}");
        }
        // The document it reads, where the page resolves it.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/referrals.v1.json")).StatusCode);
    }

    [GeneratedRegex("<script(?: type=\"module\")?>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
