using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.FirstName).HasMaxLength(FieldLimits.Name);
        e.Property(c => c.LastName).HasMaxLength(FieldLimits.Name);
        e.Property(c => c.NormalisedName).HasMaxLength(FieldLimits.Name * 2 + 1);
        e.Property(c => c.NhsNumber).HasMaxLength(10);
        e.Property(c => c.SafeNow).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(c => c.AllocatedTeam).HasMaxLength(FieldLimits.ShortText);
        e.Property(c => c.AllocatedWorker).HasMaxLength(FieldLimits.Name);
        e.HasIndex(c => new { c.ReferralId, c.Position }).IsUnique();
        e.HasIndex(c => c.NhsNumber);
        e.HasIndex(c => new { c.NormalisedName, c.DateOfBirth });
    }
}
