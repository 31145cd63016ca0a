using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// A partner's receiving system on 127.0.0.1, written from the README's description of the webhook
/// format alone (it does not use the service's own signing code). It can be told to fail, or to be slow.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Call(string EventId, string? Signature, byte[] Body, HttpStatusCode Answered, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public long Sequence => Json.GetProperty("sequence").GetInt64();
        public string Type => Json.GetProperty("type").GetString()!;
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Call> _calls = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What the receiver answers: 200 while up, 503 (or anything else) while down.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    public string Url { get; private set; } = "";
    public IReadOnlyList<Call> Calls => _calls.ToList();
    public IReadOnlyList<Call> Accepted => _calls.Where(c => c.Answered == HttpStatusCode.OK).ToList();

    /// <summary>
    /// An app's settings for delivering to these receivers: they listen on loopback, which the service refuses as a
    /// webhook address unless a council allows private networks.
    /// </summary>
    public static Dictionary<string, string?> AppSettings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Feedback:Webhooks:AllowPrivateNetworks"] = "true" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = LoopbackSite.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/events", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (receiver.Delay > TimeSpan.Zero) await Task.Delay(receiver.Delay);
            var answer = receiver.Answer;
            receiver._calls.Enqueue(new Call(request.Headers["Referrals-Event-Id"].ToString(), request.Headers["Referrals-Signature"].ToString(),
                buffer.ToArray(), answer, DateTimeOffset.UtcNow));
            return Results.StatusCode((int)answer);
        });
        receiver.Url = $"{await LoopbackSite.StartAsync(app)}/events";
        return receiver;
    }

    /// <summary>
    /// The check the README describes: "t=&lt;unix seconds&gt;,v1=&lt;hex&gt;", hex = HMAC-SHA256(secret, "&lt;t&gt;." + body),
    /// compared in constant time, with t within five minutes of the receiver's clock.
    /// </summary>
    public static bool Verify(string secret, string? header, byte[] body, DateTimeOffset now)
    {
        var fields = (header ?? "").Split(',').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("t", out var t) || !long.TryParse(t, out var seconds) || !fields.TryGetValue("v1", out var v1)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300) return false;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected)), Encoding.ASCII.GetBytes(v1));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
