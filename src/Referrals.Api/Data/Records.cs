namespace Referrals.Api.Data;

/// <summary>One read or write of a referral: who, in what role and agency, did what, when. Append-only.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string UserId { get; init; } = "";
    public string UserName { get; init; } = "";
    public string Role { get; init; } = "";
    public string? AgencyCode { get; init; }
    /// <summary>What was done, e.g. "referral.submitted", "referral.read", "submission.read".</summary>
    public string Action { get; init; } = "";
    public Guid? ReferralId { get; init; }
    /// <summary>What else the action was about, where it is not a referral: a webhook subscription.</summary>
    public Guid? SubjectId { get; init; }
    public string CorrelationId { get; init; } = "";
}

/// <summary>An Idempotency-Key seen from one user: a retry with the same body replays the referral it made.</summary>
public sealed class IdempotencyRecord
{
    public string UserId { get; init; } = "";
    public string Key { get; init; } = "";
    /// <summary>SHA-256 of the request body as bound, so a changed body under the same key is refused.</summary>
    public string RequestHash { get; init; } = "";
    public Guid ReferralId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The last reference number issued in a year. Incremented inside the submitting transaction.</summary>
public sealed class ReferenceCounter
{
    public int Year { get; init; }
    public int LastNumber { get; init; }
}

/// <summary>
/// The id a child has in the inspection lists: random, so it carries nothing about the child, and stored, so the
/// same child has the same id in every list, every export and every year. Keyed by the child's matching key.
/// </summary>
public sealed class KnownChildId
{
    public string ChildKey { get; init; } = "";
    /// <summary>"C" and 16 random characters of Crockford's base 32 (80 bits).</summary>
    public string Id { get; init; } = "";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewId() =>
        "C" + string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Alphabet, 16));
}
