using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class AgencyCheckConfiguration : IEntityTypeConfiguration<AgencyCheck>
{
    public void Configure(EntityTypeBuilder<AgencyCheck> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).ValueGeneratedNever();
        e.Property(c => c.Agency).HasMaxLength(FieldLimits.ShortText);
        e.Property(c => c.Shared).HasMaxLength(FieldLimits.Narrative);
        e.Property(c => c.RecordedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(c => c.RecordedByName).HasMaxLength(FieldLimits.Name);
        e.HasIndex(c => c.ReferralId);
    }
}
