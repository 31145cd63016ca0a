using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// What a receiver gets: the event, never a child's personal data. The receiver reads the details
/// with its own token, through the link.
/// </summary>
/// <param name="Id">The event's id: the same on every delivery of the event, for de-duplication.</param>
/// <param name="Sequence">The event's place in the agency's feed (1, 2, 3... with no gaps).</param>
/// <param name="Href">Where the referral's details are read (the outcome at /outcome once it is ready).</param>
public sealed record FeedEvent(Guid Id, FeedbackEventType Type, long Sequence, string AgencyCode, Guid ReferralId, string Reference,
    DateTimeOffset OccurredAt, string Href)
{
    public static FeedEvent Of(FeedbackEvent e) =>
        new(e.Id, e.Type, e.Sequence, e.AgencyCode, e.ReferralId, e.Reference, e.OccurredAt, $"/v1/referrals/{e.ReferralId}");
}

/// <summary>
/// The signature on every webhook call, in the header Referrals-Signature: "t=&lt;unix seconds&gt;,v1=&lt;hex&gt;",
/// where hex is HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over the bytes
/// of "&lt;t&gt;." followed by the raw request body. The receiver recomputes it, compares in constant time,
/// and refuses a t more than five minutes from its own clock (a replay).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Referrals-Signature";
    public const string EventIdHeader = "Referrals-Event-Id";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";
    }

    /// <summary>The receiver's side, as the README describes it, kept beside Sign so the unit tests prove the pair (the integration tests' receiver checks independently).</summary>
    public static bool Verify(string secret, string? header, byte[] body, DateTimeOffset now)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var timestamp)) return false;
        if (!parts.TryGetValue("v1", out var v1) || v1.Length != 64) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance) return false;
        byte[] given;
        try { given = Convert.FromHexString(v1); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, body));
    }

    private static byte[] Mac(string secret, long timestamp, byte[] body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}."), .. body]);

    /// <summary>A new shared secret: 256 random bits.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
