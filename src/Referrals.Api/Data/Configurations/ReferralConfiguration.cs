using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Data.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.HasKey(r => r.Id);
        e.Property(r => r.Reference).HasMaxLength(FieldLimits.Reference);
        e.HasIndex(r => r.Reference).IsUnique();
        e.Property(r => r.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(r => r.Risk).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(r => r.SubmittedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.SubmittedByName).HasMaxLength(FieldLimits.Name);
        e.Property(r => r.SubmittedByRole).HasMaxLength(FieldLimits.Code);
        e.Property(r => r.ReferrerName).HasMaxLength(FieldLimits.Name);
        e.Property(r => r.RubricVersion).HasMaxLength(FieldLimits.Code);
        e.Property(r => r.WithdrawalReason).HasMaxLength(FieldLimits.Reason);
        e.Property(r => r.AssignedToUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.AssignedToName).HasMaxLength(FieldLimits.Name);
        e.Property(r => r.Rag).HasConversion<string>().HasMaxLength(FieldLimits.Code);
        e.Property(r => r.OutcomeReadByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(r => r.OutcomeReadByName).HasMaxLength(FieldLimits.Name);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Ignore(r => r.SubmittedForm);
        e.Ignore(r => r.SubmittedQuality);
        e.HasIndex(r => new { r.AgencyCode, r.ReceivedAt });
        // A partner's list of its agency's referrals, newest first a page at a time (ListReferrals): read from the index
        // in order, not sorted from every referral the agency ever sent (177 ms at 1,000,000 referrals without it).
        e.HasIndex(r => new { r.AgencyCode, r.Reference });
        e.HasIndex(r => r.ReceivedAt);
        // The triage queue's order, so it pages from an index.
        e.HasIndex(r => new { r.Status, r.QueuePriority, r.DecisionDueAt, r.Reference });
        e.HasIndex(r => r.AssignedToUserId);
        e.HasMany(r => r.Contacts).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Concerns).WithOne().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.InformationRequests).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.RagRatings).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Checks).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Decisions).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.FeedbackEvents).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Restrict);
        foreach (var navigation in new[] { "Contacts", "Concerns", "Transitions", "InformationRequests", "RagRatings", "Checks", "Decisions", "FeedbackEvents" })
            e.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
