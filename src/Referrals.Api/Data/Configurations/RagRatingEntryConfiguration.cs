using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class RagRatingEntryConfiguration : IEntityTypeConfiguration<RagRatingEntry>
{
    public void Configure(EntityTypeBuilder<RagRatingEntry> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).ValueGeneratedNever();
        e.Property(r => r.Rating).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(r => r.Reason).HasMaxLength(FieldLimits.Reason);
        e.Property(r => r.RatedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.RatedByName).HasMaxLength(FieldLimits.Name);
        e.HasIndex(r => r.ReferralId);
    }
}
