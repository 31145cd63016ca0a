using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class ReferralTransitionConfiguration : IEntityTypeConfiguration<ReferralTransition>
{
    public void Configure(EntityTypeBuilder<ReferralTransition> e)
    {
        e.HasKey(t => t.Id);
        // Ids are made in the domain; a new row added to a loaded referral must be inserted, not updated.
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.From).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(t => t.To).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(t => t.ByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(t => t.ByName).HasMaxLength(FieldLimits.Name);
        e.Property(t => t.ByRole).HasMaxLength(FieldLimits.Code);
        e.Property(t => t.Reason).HasMaxLength(FieldLimits.Reason);
        // One step per place in the history: a second writer at the same place cannot commit.
        e.HasIndex(t => new { t.ReferralId, t.Sequence }).IsUnique();
    }
}
