using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The contacts received in one period (a London day, a week from Monday, a fortnight of the cycle or a calendar month)
/// from one agency, as the agency directory placed it, by one channel, with one final outcome: the same additive counts as
/// FortnightFigures, so figures for any range and any single-valued breakdown add up whole periods and, at the range's
/// edges, days, instead of reading every contact.
/// </summary>
public sealed class PeriodFigures
{
    /// <summary>day, week, fortnight or month.</summary>
    public string Interval { get; set; } = "";
    public DateOnly Start { get; set; }
    public string AgencyCode { get; set; } = "";
    public AgencyType AgencyType { get; set; }
    public string SourceCode { get; set; } = "";
    public string Locality { get; set; } = "";
    public string Area { get; set; } = "";
    public Channel Channel { get; set; }
    /// <summary>The final outcome's name, or empty while there is none.</summary>
    public string Outcome { get; set; } = "";
}

internal sealed class PeriodFiguresConfiguration : IEntityTypeConfiguration<PeriodFigures>
{
    public void Configure(EntityTypeBuilder<PeriodFigures> e)
    {
        e.ToTable("PeriodFigures");
        e.HasKey(d => new { d.Interval, d.Start, d.AgencyCode, d.AgencyType, d.SourceCode, d.Locality, d.Area, d.Channel, d.Outcome });
        e.Property(d => d.Interval).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.AgencyType).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.SourceCode).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Locality).HasMaxLength(FieldLimits.ShortText);
        e.Property(d => d.Area).HasMaxLength(FieldLimits.ShortText);
        e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Outcome).HasMaxLength(FieldLimits.Code);
        foreach (var name in Tally.Names) e.Property<int>(name);
    }
}
