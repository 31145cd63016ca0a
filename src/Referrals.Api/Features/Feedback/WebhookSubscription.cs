using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Feedback;

/// <summary>An agency's system that is sent every event for the agency's referrals, signed with the shared secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; }
    public string AgencyCode { get; init; } = "";
    public string Url { get; init; } = "";
    /// <summary>Shown once, when the subscription is made; kept to sign each delivery.</summary>
    public string Secret { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedByUserId { get; init; } = "";
    public string CreatedByName { get; init; } = "";
    public DateTimeOffset? RemovedAt { get; set; }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.ToTable("WebhookSubscriptions");
        e.HasKey(s => s.Id);
        e.Property(s => s.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(s => s.Url).HasMaxLength(FieldLimits.Url);
        e.Property(s => s.Secret).HasMaxLength(FieldLimits.ShortText);
        e.Property(s => s.CreatedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(s => s.CreatedByName).HasMaxLength(FieldLimits.Name);
        e.HasIndex(s => s.AgencyCode);
    }
}
