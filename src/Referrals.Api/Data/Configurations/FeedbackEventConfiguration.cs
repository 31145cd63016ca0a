using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class FeedbackEventConfiguration : IEntityTypeConfiguration<FeedbackEvent>
{
    public void Configure(EntityTypeBuilder<FeedbackEvent> e)
    {
        e.HasKey(f => f.Id);
        e.Property(f => f.Id).ValueGeneratedNever();
        e.Property(f => f.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(f => f.Type).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(f => f.Reference).HasMaxLength(FieldLimits.Reference);
        // The feed pages by this; unique, so two transactions can never give out one place.
        e.HasIndex(f => new { f.AgencyCode, f.Sequence }).IsUnique();
        e.HasIndex(f => f.ReferralId);
    }
}
