using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// Thousands of hostile requests derived from the committed contract, sent to every operation while a referral
/// goes through its whole lifecycle: none may answer 5xx, every 4xx must be an RFC 9457 problem, and no refused
/// request may change anything in the database. Repeatable from a seed (REFERRALS_HOSTILE_SEED).
/// </summary>
public sealed class HostileInputTests
{
    private const int AtLeast = 5_000;
    private const long MaxBodyBytes = 200_000; // ReferralsApp's Limits:MaxRequestBodyBytes

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("REFERRALS_HOSTILE_SEED"), out var seed) ? seed : 20261126;

    [Theory, OnSqlite, OnPostgres]
    public async Task Hostile_requests_to_every_operation_get_a_problem_and_change_nothing(Engine engine)
    {
        // Harmless variants of an upload are accepted, each one more document: room for them all, and the story's own.
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Attachments:MaxPerReferral"] = "1000" });
        _ = app.Server;
        app.Clock.AdjustTime(TestClock.TuesdayMorning.AddHours(3));
        var story = new ContractStory(app);
        var contract = Contract.Committed;
        var hostile = new HostileRequests(contract, new Random(Seed), MaxBodyBytes, () => story.OtherAgencysReferral);
        var perOperation = (AtLeast + contract.Operations.Count() - 1) / contract.Operations.Count();
        await using var fingerprint = await DatabaseFingerprint.OpenAsync(app);
        var clients = new Dictionary<string, HttpClient>();
        HttpClient Client(string caller) => clients.TryGetValue(caller, out var client) ? client : clients[caller] = Callers.Client(app, caller);

        var failures = new List<string>();
        var probed = new HashSet<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var step in story.Steps)
        {
            var valid = await step.Build();
            var accepted = false;
            JsonNode? acceptedBody = null;
            if (probed.Add(step.Operation))
            {
                foreach (var variant in hostile.For(valid, perOperation))
                {
                    var before = await fingerprint.TakeAsync();
                    var (status, body, failure) = await SendAsync(Client(variant.Request.Caller), variant.Request);
                    sent++;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (failure is null && status >= 400 && DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync()).ToList() is { Count: > 0 } tables)
                        failure = $"refused with {status} but changed {string.Join(", ", tables)}";
                    if (failure is not null) failures.Add($"{variant.Request.Method} {Shorten(variant.Request.Url)} [{variant.What}] as {variant.Request.Caller}: {failure}");
                    if (status is >= 200 and < 300)
                    {
                        // Accepted (a harmless variant): the referral moved on, so later variants need its new version.
                        (accepted, acceptedBody) = (true, Parse(body));
                        valid = await step.Build();
                    }
                }
            }
            var (validStatus, validBody, validFailure) = await SendAsync(Client(valid.Caller), valid);
            var succeeded = validStatus is >= 200 and < 300;
            // The valid request must succeed unless a variant of it was accepted first and already made the change.
            if (validFailure is not null || !succeeded && !accepted)
                failures.Add($"valid {valid.Method} {valid.Url} as {valid.Caller}: {validStatus} {validFailure} {Shorten(validBody)}");
            if (step.Then is not null && (succeeded ? Parse(validBody) : acceptedBody) is { } result) await step.Then(result);
        }

        Assert.True(probed.SetEquals(contract.Operations), $"Operations not probed: {string.Join(", ", contract.Operations.Except(probed))}");
        Assert.True(sent >= AtLeast, $"Only {sent} hostile requests were sent.");
        Assert.True(failures.Count == 0,
            $"Seed {Seed}, {sent} requests ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}), {failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>The suite's "changed nothing" must be able to fail: one value changed in one row is seen, and where.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task The_fingerprint_sees_one_changed_value_and_names_its_table(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var referral = await Triage.Triaging.Submit(app);
        await using var fingerprint = await DatabaseFingerprint.OpenAsync(app);
        var before = await fingerprint.TakeAsync();
        Assert.Equal(before, await fingerprint.TakeAsync());

        await using (var db = app.Db())
            await db.Referrals.Where(r => r.Id == referral.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.WithdrawalReason, "changed"));
        Assert.Equal(["Referrals"], DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync()));
    }

    /// <summary>Found by the suite above: PostgreSQL cannot compare text holding NUL, so this answered 500 there.</summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task A_query_value_with_control_characters_is_refused_naming_it(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var response = await app.As(Roles.Manager).GetAsync("/v1/feedback/subscriptions?AgencyCode=SCH%00%1B&Limit=1");
        Assert.Equal(["AgencyCode"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    /// <summary>The status, the body, and what is wrong with the answer, if anything.</summary>
    private static async Task<(int Status, string Body, string? Failure)> SendAsync(HttpClient client, ApiRequest request)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request.ToMessage());
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return (0, "", $"no answer: {e.GetType().Name} {e.Message}");
        }
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return (status, body, $"{status} {Shorten(body)}");
        if (status < 400) return (status, body, null);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return (status, body, $"{status} answered as {response.Content.Headers.ContentType?.MediaType ?? "nothing"}, not a problem");
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (Http.ShapeFault(problem, status) is { } fault) return (status, body, $"{status} problem of the wrong shape ({fault}): {Shorten(body)}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (status, body, $"{status} problem that is not RFC 9457 JSON: {Shorten(body)}");
        }
        return (status, body, null);
    }

    private static JsonNode? Parse(string body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length:N0} characters)";
}
