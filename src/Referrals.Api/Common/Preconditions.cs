namespace Referrals.Api.Common;

/// <summary>
/// Optimistic concurrency over HTTP: responses carry the referral's version as an ETag, and a
/// change names the version it was based on in If-Match, so a stale change is refused, not applied.
/// </summary>
public static class Preconditions
{
    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>The version If-Match names; "*" or no header means any. An unreadable tag can match nothing.</summary>
    public static int? OptionalVersion(string? ifMatch)
    {
        if (ifMatch is null || ifMatch.Trim() == "*") return null;
        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        return int.TryParse(tag.Trim('"'), out var version) ? version : -1;
    }

    /// <summary>Triage changes must say which version they saw: without If-Match (or with "*") they are refused with 428.</summary>
    public static int RequiredVersion(string? ifMatch) =>
        OptionalVersion(ifMatch) ?? throw new RefusedException(ProblemTypes.IfMatchRequired);

    public static void Matches(int current, int? expected)
    {
        if (expected is { } version && version != current)
            throw new RefusedException(ProblemTypes.ChangedSinceRead,
                "Read the referral again (its ETag has changed) and repeat your change if it still applies. Nothing was overwritten.");
    }
}
