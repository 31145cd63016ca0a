using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Drafts;

/// <summary>
/// A referral being written: the form as far as its author has got, saved on the server as they go. Only its author
/// ever reads it (not their agency, not the First Contact Team). It is not a referral: it has no reference, raises no
/// event and counts in no figure, and it is deleted when submitted, by its author, or once it has lain unsaved for
/// the days the council keeps drafts.
/// </summary>
/// <remarks>A seam: a submission takes its draft (SubmitReferral).</remarks>
[Seam]
public sealed class Draft
{
    public Guid Id { get; init; }
    /// <summary>The signed-in user who started it: the only one who can read, change, submit or delete it.</summary>
    public string OwnerId { get; init; } = "";
    /// <summary>The author's agency when they started it (a partner's), so a draft is never submitted for another.</summary>
    public string? AgencyCode { get; init; }
    public string FormJson { get; set; } = "{}";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset SavedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Version { get; set; } = 1;

    public ReferralForm Form => JsonSerializer.Deserialize<ReferralForm>(FormJson, Json.Options) ?? new ReferralForm();

    public void Save(ReferralForm form, DateTimeOffset now, DraftOptions options)
    {
        FormJson = JsonSerializer.Serialize(form, Json.Options);
        SavedAt = now;
        ExpiresAt = now + TimeSpan.FromDays(options.KeepDays);
        Version++;
    }
}

/// <summary>How long an unsaved draft is kept, and how long before that its author is warned.</summary>
/// <remarks>A seam: adding a document keeps a draft as long as a save does (AddAttachment).</remarks>
[Seam]
public sealed class DraftOptions
{
    public int KeepDays { get; set; } = 28;
    public int WarnDays { get; set; } = 7;

    public DraftOptions Checked() =>
        KeepDays < 1 || WarnDays < 0 || WarnDays >= KeepDays
            ? throw new InvalidOperationException("Drafts:KeepDays must be at least 1, and Drafts:WarnDays from 0 to less than KeepDays.")
            : this;

    public bool ExpiresSoon(DateTimeOffset expiresAt, DateTimeOffset now) => expiresAt - now <= TimeSpan.FromDays(WarnDays);
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> e)
    {
        e.ToTable("Drafts");
        e.HasKey(d => d.Id);
        e.Property(d => d.OwnerId).HasMaxLength(FieldLimits.UserId);
        e.Property(d => d.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.Ignore(d => d.Form);
        e.HasIndex(d => new { d.OwnerId, d.SavedAt });
        e.HasIndex(d => d.ExpiresAt);
    }
}
