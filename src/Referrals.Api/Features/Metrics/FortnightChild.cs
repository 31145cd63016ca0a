using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// A child among the contacts of one fortnight in one group of a breakdown (all of them, an agency type, an
/// agency): a row per child, whatever the number of contacts, so the report counts distinct children by
/// counting rows. Written when a contact is received; a contact's child and agency never change.
/// </summary>
public sealed class FortnightChild
{
    public DateOnly Fortnight { get; set; }
    /// <summary>none, agency-type or agency (in the fortnight), or week:none or month:none (Fortnight then holds the week's or month's first day).</summary>
    public string Breakdown { get; set; } = "";
    /// <summary>The group's key in that breakdown, as the figures name it (all, the agency type, the agency code).</summary>
    public string GroupKey { get; set; } = "";
    public string ChildKey { get; set; } = "";
}

internal sealed class FortnightChildConfiguration : IEntityTypeConfiguration<FortnightChild>
{
    public void Configure(EntityTypeBuilder<FortnightChild> e)
    {
        e.ToTable("FortnightChildren");
        e.HasKey(c => new { c.Fortnight, c.Breakdown, c.GroupKey, c.ChildKey });
        e.Property(c => c.Breakdown).HasMaxLength(FieldLimits.Code);
        e.Property(c => c.GroupKey).HasMaxLength(FieldLimits.Code);
        e.Property(c => c.ChildKey).HasMaxLength(64);
    }
}
