using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Data.Saving;

namespace Referrals.Api.Data.Configurations;

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> e)
    {
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
    }
}
