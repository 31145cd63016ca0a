using System.Text.Json;
using System.Text.Json.Nodes;

namespace Referrals.IntegrationTests.Platform;

/// <summary>The committed document is the published promise: the running service must match it exactly.</summary>
public sealed class ContractTests(Apps apps) : IClassFixture<Apps>
{
    /// <summary>Set to 1 to rewrite the committed document from the running service (then review the diff).</summary>
    private const string UpdateVariable = "REFERRALS_UPDATE_CONTRACT";

    public static string CommittedPath => Path.Combine(RepositoryRoot(), "openapi", "referrals.v1.json");

    [Fact]
    public async Task Running_service_matches_the_committed_contract()
    {
        var served = await ServedDocument();
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") await File.WriteAllTextAsync(CommittedPath, text);

        Assert.True(File.Exists(CommittedPath), $"No contract at {CommittedPath}; run the tests once with {UpdateVariable}=1.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath));
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"The service no longer matches openapi/referrals.v1.json. If the change is intended, rerun with {UpdateVariable}=1 and commit the document.");
    }

    [Fact]
    public async Task Every_operation_has_summary_examples_security_and_error_responses()
    {
        var document = await ServedDocument();
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name}: no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>()), $"{name}: no operationId");
            Assert.True(operation["security"]?.AsArray().Count > 0, $"{name}: no security requirement");
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var status in new[] { "401", "403" }) Assert.True(responses.ContainsKey(status), $"{name}: no {status} response");
            foreach (var (status, response) in responses)
                foreach (var (media, content) in response!["content"]?.AsObject() ?? [])
                    Assert.True(content!["example"] is not null, $"{name}: response {status} {media} has no example");
            if (operation["requestBody"] is { } body)
                foreach (var (media, content) in body["content"]!.AsObject())
                    Assert.True(content!["example"] is not null, $"{name}: request body {media} has no example");
        }
    }

    private async Task<JsonNode> ServedDocument()
    {
        var response = await apps.For(Engine.Sqlite).Anonymous().GetAsync("/openapi/referrals.v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Referrals.sln"))) return folder.FullName;
        throw new InvalidOperationException("Referrals.sln not found above the test binaries.");
    }
}
