using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The contacts received in one fortnight of the performance group's cycle from one agency by one channel,
/// with one final outcome (none yet: empty): every additive count the figures need (Tally.Names, stored as
/// columns of the same names), kept in step with the contact facts inside the same transaction, so the
/// fortnightly report reads a few hundred rows instead of every contact.
/// </summary>
public sealed class FortnightFigures
{
    /// <summary>The fortnight's first day.</summary>
    public DateOnly Fortnight { get; set; }
    public string AgencyCode { get; set; } = "";
    public AgencyType AgencyType { get; set; }
    public Channel Channel { get; set; }
    /// <summary>The final outcome's name, or empty while there is none (a key column cannot be null).</summary>
    public string Outcome { get; set; } = "";
}

internal sealed class FortnightFiguresConfiguration : IEntityTypeConfiguration<FortnightFigures>
{
    public void Configure(EntityTypeBuilder<FortnightFigures> e)
    {
        e.ToTable("FortnightFigures");
        e.HasKey(d => new { d.Fortnight, d.AgencyCode, d.AgencyType, d.Channel, d.Outcome });
        e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.AgencyType).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Outcome).HasMaxLength(FieldLimits.Code);
        // One column per additive count, named as the tally names it; the migration writes them out.
        foreach (var name in Tally.Names) e.Property<int>(name);
    }
}
