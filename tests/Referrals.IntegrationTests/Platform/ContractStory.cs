using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Referrals.IntegrationTests.Platform;

/// <summary>The committed contract, read for each operation's parameters, body schema and example.</summary>
public sealed class Contract
{
    private readonly JsonObject _document;

    private Contract(JsonObject document) => _document = document;

    public static Contract Committed { get; } = new(JsonNode.Parse(File.ReadAllText(ContractTests.CommittedPath))!.AsObject());

    /// <summary>"POST /v1/referrals/{id}/rag" for every operation, in the document's order.</summary>
    public IEnumerable<string> Operations =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"));

    public JsonObject Operation(string key)
    {
        var (method, path) = (key[..key.IndexOf(' ')].ToLowerInvariant(), key[(key.IndexOf(' ') + 1)..]);
        return _document["paths"]![path]?[method]?.AsObject() ?? throw new InvalidOperationException($"{key} is not in the contract.");
    }

    public IEnumerable<JsonObject> Parameters(string key, string @in) =>
        (Operation(key)["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).Where(p => (string)p["in"]! == @in);

    public JsonNode? BodySchema(string key) => Resolve(Operation(key)["requestBody"]?["content"]?["application/json"]?["schema"]);

    public JsonNode? BodyExample(string key) => Operation(key)["requestBody"]?["content"]?["application/json"]?["example"]?.DeepClone();

    /// <summary>A schema with its $ref (or a lone allOf, as generators write a described $ref) followed.</summary>
    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; schema is not null && hops < 10; hops++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
                schema = _document["components"]!["schemas"]![reference.Split('/')[^1]];
            else if (schema["allOf"] is JsonArray { Count: 1 } allOf)
                schema = allOf[0];
            else
                return schema;
        }
        return schema;
    }
}

/// <summary>One request as sent: the operation it is for, who sends it, and every byte of it.</summary>
public sealed record ApiRequest(
    string Operation, string Caller, string Method, string Path, string Query,
    IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType)
{
    public static ApiRequest Of(string operation, string caller, string path, string query = "", JsonNode? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(operation, caller, operation[..operation.IndexOf(' ')], path, query, headers ?? new Dictionary<string, string>(),
            body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString()), body is null ? null : "application/json");

    public string Url => Path + Query;

    public const string Boundary = "----referrals-test-boundary";

    /// <summary>A document upload as a browser's form sends it: multipart/form-data, the document in the part named file.</summary>
    public static ApiRequest Upload(string operation, string caller, string path, byte[] document, string fileName, string partName = "file") =>
        new(operation, caller, "POST", path, "", new Dictionary<string, string>(), Multipart(document, fileName, partName),
            $"multipart/form-data; boundary={Boundary}");

    public static byte[] Multipart(byte[] document, string fileName, string partName = "file") =>
    [
        .. Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{partName}\"; filename=\"{fileName}\"\r\n" +
            "Content-Type: application/octet-stream\r\n\r\n"),
        .. document,
        .. Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n"),
    ];

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers)
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) message.Headers.Authorization = AuthenticationHeaderValue.TryParse(value, out var auth) ? auth : null;
            else message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public ApiRequest WithHeader(string name, string? value)
    {
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null) headers.Remove(name);
        else headers[name] = value;
        return this with { Headers = headers };
    }
}

/// <summary>
/// Every operation in the contract, once or more, in an order the referral's lifecycle allows, each with a request
/// the service should accept: bodies are the contract's own examples, with the ids of what earlier steps made.
/// The hostile-input suite mutates each step's request; the proxy test sends them as they are.
/// </summary>
public sealed class ContractStory(ReferralsApp app)
{
    public sealed record Step(string Operation, Func<Task<ApiRequest>> Build, Func<JsonNode?, Task>? Then = null)
    {
        /// <summary>Sends the step's request; when it is taken, notes what later steps need from the answer.</summary>
        public async Task<HttpResponseMessage> SendAsync(HttpClient client, ApiRequest request)
        {
            var response = await client.SendAsync(request.ToMessage());
            if (response.IsSuccessStatusCode && Then is not null) await Then(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
            return response;
        }
    }

    public const string Seen = "2026-11-09", SeenTo = "2026-11-22";
    private readonly Dictionary<string, string> _ids = [];
    private readonly Contract _contract = Contract.Committed;

    /// <summary>A referral of another agency (recorded by the team from a police call), for the referrer's path-id probes.</summary>
    public Guid OtherAgencysReferral => Guid.Parse(_ids["police"]);
    public Guid Id(string name) => Guid.Parse(_ids[name]);

    public IReadOnlyList<Step> Steps =>
    [
        .. new[] { "agencies", "concern-categories", "levels-of-need", "risk-levels", "channels", "genders", "ethnicities", "disabilities", "quality-rubric" }
            .Select(list => Get($"GET /v1/reference-data/{list}", Callers.OwnAgency)),
        Post("POST /v1/referrals/quality-check", Callers.OwnAgency, "/v1/referrals/quality-check"),
        Submit("A"), Submit("B"), Submit("C"), SubmitByPhone("police"),
        Get("GET /v1/referrals", Callers.OwnAgency, "?limit=20"),
        Get("GET /v1/referrals/{id}", Callers.OwnAgency, path: () => $"/v1/referrals/{_ids["A"]}"),
        Get("GET /v1/referrals/{id}/submission", Callers.OwnAgency, path: () => $"/v1/referrals/{_ids["A"]}/submission"),
        Get("GET /v1/triage/queue", Roles.Practitioner, "?limit=20"),
        Change("POST /v1/referrals/{id}/assignment", Roles.Manager, "A"),
        Change("POST /v1/referrals/{id}/information-requests", Roles.Practitioner, "A", then: async _ =>
            _ids["request"] = (await Detail("A"))["informationRequests"]![0]!["id"]!.GetValue<string>()),
        Change("POST /v1/referrals/{id}/information-requests/{requestId}/answer", Callers.OwnAgency, "A",
            path: () => $"/v1/referrals/{_ids["A"]}/information-requests/{_ids["request"]}/answer"),
        Change("PUT /v1/referrals/{id}/rag", Roles.Practitioner, "A"),
        Change("POST /v1/referrals/{id}/checks", Roles.Practitioner, "A"),
        .. Enumerable.Range(0, 2).Select(child => Change("POST /v1/referrals/{id}/children/{childId}/decision", Roles.Practitioner, "A",
            path: () => $"/v1/referrals/{_ids["A"]}/children/{_ids[$"A.child{child}"]}/decision")),
        .. Enumerable.Range(0, 2).Select(child => Change("POST /v1/referrals/{id}/children/{childId}/decision/sign-off", Roles.Manager, "A",
            path: () => $"/v1/referrals/{_ids["A"]}/children/{_ids[$"A.child{child}"]}/decision/sign-off")),
        Get("GET /v1/referrals/{id}/outcome", Callers.OwnAgency, path: () => $"/v1/referrals/{_ids["A"]}/outcome"),
        Change("PUT /v1/referrals/{id}/children/{childId}/allocation", Roles.Practitioner, "A",
            path: () => $"/v1/referrals/{_ids["A"]}/children/{_ids["A.child0"]}/allocation"),
        Get("GET /v1/referrals/{id}/feedback-status", Roles.Practitioner, path: () => $"/v1/referrals/{_ids["A"]}/feedback-status"),
        Get("GET /v1/referrals/{id}/audit", Roles.Auditor, path: () => $"/v1/referrals/{_ids["A"]}/audit"),
        Change("POST /v1/referrals/{id}/close", Roles.Practitioner, "A"),
        Change("POST /v1/referrals/{id}/link", Roles.Practitioner, "B", body: body => body["duplicateOf"] = _ids["A"]),
        Change("POST /v1/referrals/{id}/withdraw", Callers.OwnAgency, "C"),
        Get("GET /v1/feedback/events", Callers.OwnAgency, "?limit=50"),
        Post("POST /v1/drafts", Callers.OwnAgency, "/v1/drafts", then: body => Remember("draft", body)),
        Upload("attachment"),
        Get("GET /v1/drafts", Callers.OwnAgency),
        Get("GET /v1/drafts/{id}", Callers.OwnAgency, path: () => $"/v1/drafts/{_ids["draft"]}"),
        DraftChange("PUT /v1/drafts/{id}", "draft"),
        Get("GET /v1/drafts/{id}/attachments/{attachmentId}", Callers.OwnAgency, path: () => $"/v1/drafts/{_ids["draft"]}/attachments/{_ids["attachment"]}"),
        Upload("attachment2"),
        new("DELETE /v1/drafts/{id}/attachments/{attachmentId}", () => Task.FromResult(ApiRequest.Of("DELETE /v1/drafts/{id}/attachments/{attachmentId}",
            Callers.OwnAgency, $"/v1/drafts/{_ids["draft"]}/attachments/{_ids["attachment2"]}"))),
        DraftChange("POST /v1/drafts/{id}/submit", "draft", then: async body => await RememberReferral("D", body)),
        Get("GET /v1/referrals/{id}/attachments/{attachmentId}", Roles.Practitioner, path: () => $"/v1/referrals/{_ids["D"]}/attachments/{_ids["attachment"]}"),
        Post("POST /v1/drafts", Callers.OwnAgency, "/v1/drafts", then: body => Remember("draft2", body)),
        DraftChange("DELETE /v1/drafts/{id}", "draft2"),
        Post("POST /v1/feedback/subscriptions", Roles.Manager, "/v1/feedback/subscriptions", then: body => Remember("subscription", body)),
        Get("GET /v1/feedback/subscriptions", Roles.Manager),
        new("DELETE /v1/feedback/subscriptions/{id}", () =>
            Task.FromResult(ApiRequest.Of("DELETE /v1/feedback/subscriptions/{id}", Roles.Manager, $"/v1/feedback/subscriptions/{_ids["subscription"]}"))),
        .. new[] { "volume", "quality", "outcomes", "timeliness" }
            .Select(family => Get($"GET /v1/metrics/{family}", Roles.Analyst, $"?from={Seen}&to={SeenTo}&interval=fortnight&breakdown=agency-type")),
        Get("GET /v1/metrics/fortnightly-report", Roles.Analyst, $"?fortnight={Seen}"),
        Get("GET /v1/exports/contacts", Roles.Manager, $"?from={Seen}&to={SeenTo}"),
        Get("GET /v1/exports/referrals", Roles.Manager, $"?from={Seen}&to={SeenTo}"),
        Get("GET /v1/exports/annex-a", Roles.Manager, $"?from={Seen}&to={SeenTo}"),
    ];

    private Step Get(string operation, string caller, string query = "", Func<string>? path = null) =>
        new(operation, () => Task.FromResult(ApiRequest.Of(operation, caller, path?.Invoke() ?? operation[4..], query)));

    private Step Post(string operation, string caller, string path, Func<JsonNode?, Task>? then = null) =>
        new(operation, () => Task.FromResult(ApiRequest.Of(operation, caller, path, body: _contract.BodyExample(operation))), then);

    private Step Submit(string name) =>
        new("POST /v1/referrals", () => Task.FromResult(ApiRequest.Of("POST /v1/referrals", Callers.OwnAgency, "/v1/referrals",
                body: _contract.BodyExample("POST /v1/referrals"), headers: new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() })),
            async body => await RememberReferral(name, body));

    private Step SubmitByPhone(string name) =>
        new("POST /v1/referrals", () =>
        {
            var form = _contract.BodyExample("POST /v1/referrals")!;
            form["channel"] = "phone";
            form["agencyCode"] = Callers.OtherAgencyCode;
            form["referrer"]!["name"] = "PC Sam Officer";
            return Task.FromResult(ApiRequest.Of("POST /v1/referrals", Roles.Practitioner, "/v1/referrals", body: form));
        }, async body => await RememberReferral(name, body));

    /// <summary>A change to one referral: the contract's example body, If-Match with the referral's version as it stands.</summary>
    private Step Change(string operation, string caller, string referral, Func<string>? path = null, Action<JsonNode>? body = null, Func<JsonNode?, Task>? then = null) =>
        new(operation, async () =>
        {
            var example = _contract.BodyExample(operation)!;
            body?.Invoke(example);
            var id = Id(referral);
            await using var db = app.Db();
            var version = await db.Referrals.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
            return ApiRequest.Of(operation, caller, path?.Invoke() ?? operation[(operation.IndexOf(' ') + 1)..].Replace("{id}", _ids[referral]),
                body: example, headers: new Dictionary<string, string> { ["If-Match"] = $"\"{version}\"" });
        }, then);

    /// <summary>A small PDF on the story's draft, remembered by name.</summary>
    private Step Upload(string name) =>
        new("POST /v1/drafts/{id}/attachments", () => Task.FromResult(ApiRequest.Upload("POST /v1/drafts/{id}/attachments", Callers.OwnAgency,
            $"/v1/drafts/{_ids["draft"]}/attachments", "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray(), "Early help assessment.pdf")),
            body => Remember(name, body));

    /// <summary>A change to the story's draft: the contract's example body, if it has one, and If-Match with the draft's version.</summary>
    private Step DraftChange(string operation, string draft, Func<JsonNode?, Task>? then = null) =>
        new(operation, async () =>
        {
            var id = Id(draft);
            await using var db = app.Db();
            // A harmless variant of the hostile suite may already have submitted or deleted it: then any version will do.
            var version = await db.Set<global::Referrals.Api.Features.Drafts.Draft>().Where(d => d.Id == id).Select(d => (int?)d.Version)
                .SingleOrDefaultAsync() ?? 1;
            return ApiRequest.Of(operation, Callers.OwnAgency, operation[(operation.IndexOf(' ') + 1)..].Replace("{id}", _ids[draft]),
                body: _contract.BodyExample(operation), headers: new Dictionary<string, string> { ["If-Match"] = $"\"{version}\"" });
        }, then);

    private Task Remember(string name, JsonNode? body)
    {
        _ids[name] = body!["id"]!.GetValue<string>();
        return Task.CompletedTask;
    }

    private async Task RememberReferral(string name, JsonNode? acknowledgement)
    {
        await Remember(name, acknowledgement);
        var contacts = (await Detail(name))["contacts"]!.AsArray();
        for (var i = 0; i < contacts.Count; i++) _ids[$"{name}.child{i}"] = contacts[i]!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> Detail(string referral) =>
        JsonNode.Parse(await app.As(Roles.Practitioner).GetStringAsync($"/v1/referrals/{_ids[referral]}"))!;
}
