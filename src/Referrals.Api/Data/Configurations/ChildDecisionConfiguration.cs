using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class ChildDecisionConfiguration : IEntityTypeConfiguration<ChildDecision>
{
    public void Configure(EntityTypeBuilder<ChildDecision> e)
    {
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).ValueGeneratedNever();
        e.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Rationale).HasMaxLength(FieldLimits.Narrative);
        e.Property(d => d.FeedbackToReferrer).HasMaxLength(FieldLimits.Narrative);
        e.Property(d => d.OtherSupport).HasMaxLength(FieldLimits.Narrative);
        e.Property(d => d.QualityRating).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.QualityReasons).HasMaxLength(FieldLimits.ShortText * 3);
        e.Property(d => d.PrimaryNeed).HasMaxLength(2);
        e.Property(d => d.Team).HasMaxLength(FieldLimits.ShortText);
        e.Property(d => d.DecidedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(d => d.DecidedByName).HasMaxLength(FieldLimits.Name);
        e.Property(d => d.DecidedByRole).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.State).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(d => d.SignedOffByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(d => d.SignedOffByName).HasMaxLength(FieldLimits.Name);
        e.Property(d => d.SignOffComment).HasMaxLength(FieldLimits.Reason);
        e.Ignore(d => d.Reasons);
        e.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.ReferralId, d.ContactId });
        e.HasIndex(d => d.ContactId);
    }
}
