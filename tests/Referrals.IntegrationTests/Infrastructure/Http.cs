using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Referrals.Api.Common;

namespace Referrals.IntegrationTests.Infrastructure;

public static class Http
{
    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient client, string url, T body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>A JSON body with If-Match sent as given (a quoted version, or anything a client might send).</summary>
    public static Task<HttpResponseMessage> SendJson<T>(this HttpClient client, HttpMethod method, string url, T body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>A GET asking for a format in Accept.</summary>
    public static Task<HttpResponseMessage> GetAccepting(this HttpClient client, string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json.Options)!;
    }

    /// <summary>Asserts an RFC 9457 problem response with the status, and returns its body.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(ShapeFault(body, (int)expected) is null, $"{ShapeFault(body, (int)expected)}: {text}");
        return body;
    }

    /// <summary>
    /// What is wrong with a problem body, if anything, against the one shape the contract promises: a type URI naming a
    /// kind of problem of this status, that kind's title, a detail and a trace id.
    /// </summary>
    public static string? ShapeFault(JsonElement problem, int status)
    {
        string? Text(string name) =>
            problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (problem.ValueKind != JsonValueKind.Object) return "not a JSON object";
        if (!problem.TryGetProperty("status", out var answered) || answered.ValueKind != JsonValueKind.Number || answered.GetInt32() != status)
            return $"status is not {status}";
        var kind = ProblemTypes.All.FirstOrDefault(t => t.Uri == Text("type"));
        if (kind is null || kind.Status != status) return $"type '{Text("type")}' is not a problem type of status {status}";
        if (Text("title") != kind.Title) return $"title is not the title of {kind.Uri}";
        if (string.IsNullOrWhiteSpace(Text("detail"))) return "no detail";
        if (string.IsNullOrWhiteSpace(Text("traceId"))) return "no traceId";
        return null;
    }

    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
