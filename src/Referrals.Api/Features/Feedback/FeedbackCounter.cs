using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;

namespace Referrals.Api.Features.Feedback;

/// <summary>The last feed position given to an agency. Incremented inside the transaction that raises an event.</summary>
public sealed class FeedbackCounter
{
    public string AgencyCode { get; init; } = "";
    public long LastSequence { get; init; }
}

internal sealed class FeedbackCounterConfiguration : IEntityTypeConfiguration<FeedbackCounter>
{
    public void Configure(EntityTypeBuilder<FeedbackCounter> e)
    {
        e.ToTable("FeedbackCounters");
        e.HasKey(c => c.AgencyCode);
        e.Property(c => c.AgencyCode).HasMaxLength(FieldLimits.Code);
    }
}
