using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Referrals;

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

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("IdempotencyRecords");
        e.HasKey(i => new { i.UserId, i.Key });
        e.Property(i => i.UserId).HasMaxLength(FieldLimits.UserId);
        e.Property(i => i.Key).HasMaxLength(FieldLimits.IdempotencyKey);
        e.Property(i => i.RequestHash).HasMaxLength(64);
    }
}
