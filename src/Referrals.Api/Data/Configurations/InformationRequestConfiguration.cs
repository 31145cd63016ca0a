using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).ValueGeneratedNever();
        e.Property(r => r.Questions).HasMaxLength(FieldLimits.Narrative);
        e.Property(r => r.AskedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.AskedByName).HasMaxLength(FieldLimits.Name);
        e.Property(r => r.Answer).HasMaxLength(FieldLimits.Narrative);
        e.Property(r => r.AnsweredByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.AnsweredByName).HasMaxLength(FieldLimits.Name);
        e.HasIndex(r => r.ReferralId);
    }
}
