using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Audit;

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

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.HasKey(a => a.Id);
        e.Property(a => a.UserId).HasMaxLength(FieldLimits.UserId);
        e.Property(a => a.UserName).HasMaxLength(FieldLimits.Name);
        e.Property(a => a.Role).HasMaxLength(FieldLimits.Code);
        e.Property(a => a.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(a => a.Action).HasMaxLength(FieldLimits.Code);
        e.Property(a => a.CorrelationId).HasMaxLength(FieldLimits.ShortText);
        e.HasIndex(a => new { a.ReferralId, a.At });
        e.HasIndex(a => a.At);
    }
}
