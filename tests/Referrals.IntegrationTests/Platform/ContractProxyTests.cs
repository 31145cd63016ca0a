using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// The hostile-input suite's valid requests, every operation of the contract, sent through a validating proxy built
/// from the committed document (Prism with --errors) to the service on Kestrel: no request or response may violate it.
/// </summary>
public sealed class ContractProxyTests
{
    [NeedsValidatingProxy, OnSqlite, OnPostgres]
    public async Task Every_operations_valid_request_and_its_answer_keep_to_the_contract(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var service = app.StartOnLoopback();
        app.Clock.AdjustTime(TestClock.TuesdayMorning.AddHours(3));
        await using var proxy = await ValidatingProxy.StartAsync(ContractTests.CommittedPath, service);
        var clients = new Dictionary<string, HttpClient>();
        HttpClient Client(string caller)
        {
            if (clients.TryGetValue(caller, out var client)) return client;
            client = new HttpClient(new PersonalDataGuard(app.PersonalData, app.Logs) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = proxy.Address };
            if (Callers.Token(app, caller) is { } token) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return clients[caller] = client;
        }

        var story = new ContractStory(app);
        var violations = new List<string>();
        var sent = new HashSet<string>();
        foreach (var step in story.Steps)
        {
            var request = await step.Build();
            var response = await Client(request.Caller).SendAsync(request.ToMessage());
            var body = await response.Content.ReadAsStringAsync();
            sent.Add(step.Operation);
            if (response.Headers.TryGetValues("sl-violations", out var found))
                violations.Add($"{request.Method} {request.Url}: {string.Join(" ", found)}");
            else if (!response.IsSuccessStatusCode)
                violations.Add($"{request.Method} {request.Url} as {request.Caller}: {(int)response.StatusCode} {body}");
            else if (step.Then is not null)
                await step.Then(JsonNode.Parse(body));
            // Later steps need what this one made.
            if (!response.IsSuccessStatusCode && step.Then is not null) break;
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations) + "\n\nPrism said:\n" + proxy.Output[^Math.Min(proxy.Output.Length, 4000)..]);
        Assert.True(sent.SetEquals(Contract.Committed.Operations), $"Not sent: {string.Join(", ", Contract.Committed.Operations.Except(sent))}");
    }
}
