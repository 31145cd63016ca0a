using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Attachments;

/// <summary>
/// A document a referrer added to a draft, which travels with the referral once the draft is submitted. Its bytes
/// are kept in the database beside it, in chunks (AttachmentChunk), so it is written and read a piece at a time and
/// never held whole in memory, on either engine, with no store type of one engine's own.
/// </summary>
/// <remarks>A seam: a submission makes its draft's documents the referral's; its copy and detail list them.</remarks>
[Seam]
public sealed class Attachment
{
    public Guid Id { get; init; }
    /// <summary>The draft it belongs to until that is submitted; then null, and ReferralId set.</summary>
    public Guid? DraftId { get; set; }
    public Guid? ReferralId { get; set; }
    public string AddedByUserId { get; init; } = "";
    /// <summary>The agency of the referrer who added it: the one agency, with the First Contact Team, that may read it.</summary>
    public string? AgencyCode { get; init; }
    public string FileName { get; init; } = "";
    /// <summary>What its bytes are (DocumentTypes), not what its name or the browser said.</summary>
    public string MediaType { get; init; } = "";
    public long Bytes { get; init; }
    /// <summary>SHA-256 of the bytes, hex: the copy of the submission names it, so a document can be shown to be the one sent.</summary>
    public string Sha256 { get; init; } = "";
    public int Chunks { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

public sealed class AttachmentChunk
{
    public Guid AttachmentId { get; init; }
    public int Sequence { get; init; }
    public byte[] Data { get; init; } = [];
}

/// <summary>What a referrer may attach: the size of one document and how many one referral may carry.</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxPerReferral { get; set; } = 10;
    /// <summary>The size of each piece an attachment is stored and read in.</summary>
    public int ChunkBytes { get; set; } = 256 * 1024;

    public AttachmentOptions Checked() =>
        MaxBytes < 1 || MaxPerReferral < 1 || ChunkBytes < 1024
            ? throw new InvalidOperationException("Attachments:MaxBytes and Attachments:MaxPerReferral must be positive, Attachments:ChunkBytes at least 1024.")
            : this;

    /// <summary>The largest upload request: the document and the form's own parts around it.</summary>
    public long MaxRequestBytes => MaxBytes + 64 * 1024;

    public string MaxInWords => MaxBytes >= 1024 * 1024 ? $"{MaxBytes / (1024.0 * 1024):0.#} MB" : $"{MaxBytes / 1024.0:0.#} KB";
}

/// <summary>An attachment as a list shows it.</summary>
[Seam]
public sealed record AttachmentSummary(Guid Id, string FileName, string MediaType, long Bytes, string Sha256, DateTimeOffset AddedAt)
{
    public static AttachmentSummary Of(Attachment a) => new(a.Id, a.FileName, a.MediaType, a.Bytes, a.Sha256, a.AddedAt);

    /// <summary>A draft's documents, in the order they were added.</summary>
    public static Task<List<AttachmentSummary>> OfDraftAsync(
        ReferralsDbContext db, Guid draftId, CancellationToken cancellationToken) =>
        InOrder(db.Attachments.Where(a => a.DraftId == draftId), cancellationToken);

    /// <summary>A referral's documents, in the order its referrer added them.</summary>
    public static Task<List<AttachmentSummary>> OfReferralAsync(
        ReferralsDbContext db, Guid referralId, CancellationToken cancellationToken) =>
        InOrder(db.Attachments.Where(a => a.ReferralId == referralId), cancellationToken);

    // Two documents added in one instant keep one order: the id breaks the tie.
    private static Task<List<AttachmentSummary>> InOrder(
        IQueryable<Attachment> attachments, CancellationToken cancellationToken) =>
        attachments.AsNoTracking().OrderBy(a => a.AddedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentSummary(a.Id, a.FileName, a.MediaType, a.Bytes, a.Sha256, a.AddedAt))
            .ToListAsync(cancellationToken);
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.ToTable("Attachments");
        e.HasKey(a => a.Id);
        e.Property(a => a.AddedByUserId).HasMaxLength(FieldLimits.UserId);
        e.Property(a => a.AgencyCode).HasMaxLength(FieldLimits.Code);
        e.Property(a => a.FileName).HasMaxLength(FieldLimits.ShortText);
        e.Property(a => a.MediaType).HasMaxLength(FieldLimits.ShortText);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.HasIndex(a => a.DraftId);
        e.HasIndex(a => a.ReferralId);
    }
}

internal sealed class AttachmentChunkConfiguration : IEntityTypeConfiguration<AttachmentChunk>
{
    public void Configure(EntityTypeBuilder<AttachmentChunk> e)
    {
        e.ToTable("AttachmentChunks");
        e.HasKey(c => new { c.AttachmentId, c.Sequence });
    }
}
