using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class ReferralConcernConfiguration : IEntityTypeConfiguration<ReferralConcern>
{
    public void Configure(EntityTypeBuilder<ReferralConcern> e)
    {
        e.HasKey(c => new { c.ReferralId, c.CategoryCode });
        e.Property(c => c.CategoryCode).HasMaxLength(FieldLimits.Code);
    }
}
