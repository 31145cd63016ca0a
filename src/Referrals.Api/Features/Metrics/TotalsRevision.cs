using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Referrals.Api.Features.Metrics;

/// <summary>A fortnight's totals' revision: a new random value with every change to them.</summary>
public sealed class TotalsRevision
{
    public DateOnly Fortnight { get; set; }
    public long Revision { get; set; }
}

internal sealed class TotalsRevisionConfiguration : IEntityTypeConfiguration<TotalsRevision>
{
    public void Configure(EntityTypeBuilder<TotalsRevision> e)
    {
        e.ToTable("TotalsRevisions");
        e.HasKey(r => r.Fortnight);
    }
}
