using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Attachments;

/// <summary>An attachment's bytes in the database, written and read a chunk at a time.</summary>
public static class AttachmentStore
{
    /// <summary>Chunks written to the database per save: a few megabytes tracked at once, at most.</summary>
    private const int ChunksPerSave = 8;

    /// <summary>Writes the content as chunks of the attachment (inside the caller's transaction); its length, SHA-256 and chunk count.</summary>
    public static async Task<(long Bytes, string Sha256, int Chunks)> WriteAsync(
        ReferralsDbContext db, Guid attachmentId, Stream content, int chunkBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        var sequence = 0;
        var pending = 0;
        while (true)
        {
            var buffer = new byte[chunkBytes];
            var read = await content.ReadAtLeastAsync(buffer, chunkBytes, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) break;
            sha.AppendData(buffer, 0, read);
            bytes += read;
            db.AttachmentChunks.Add(new AttachmentChunk { AttachmentId = attachmentId, Sequence = sequence++, Data = read == chunkBytes ? buffer : buffer[..read] });
            if (++pending == ChunksPerSave)
            {
                await SaveAndForgetChunksAsync(db, cancellationToken);
                pending = 0;
            }
            if (read < chunkBytes) break;
        }
        await SaveAndForgetChunksAsync(db, cancellationToken);
        return (bytes, Convert.ToHexStringLower(sha.GetHashAndReset()), sequence);
    }

    private static async Task SaveAndForgetChunksAsync(ReferralsDbContext db, CancellationToken cancellationToken)
    {
        var chunks = db.ChangeTracker.Entries<AttachmentChunk>().ToList();
        if (chunks.Count == 0) return;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var chunk in chunks) chunk.State = EntityState.Detached;
    }

    /// <summary>Copies the attachment's bytes to the output, one chunk read from the database at a time.</summary>
    public static async Task CopyToAsync(ReferralsDbContext db, Attachment attachment, Stream output, CancellationToken cancellationToken)
    {
        for (var sequence = 0; sequence < attachment.Chunks; sequence++)
        {
            var at = sequence;
            var data = await db.AttachmentChunks.AsNoTracking().Where(c => c.AttachmentId == attachment.Id && c.Sequence == at)
                .Select(c => c.Data).SingleAsync(cancellationToken);
            await output.WriteAsync(data, cancellationToken);
        }
    }

    public static async Task DeleteAsync(ReferralsDbContext db, IReadOnlyCollection<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        if (attachmentIds.Count == 0) return;
        await db.AttachmentChunks.Where(c => attachmentIds.Contains(c.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Attachments.Where(a => attachmentIds.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    public static async Task DeleteForDraftsAsync(ReferralsDbContext db, IReadOnlyCollection<Guid> draftIds, CancellationToken cancellationToken)
    {
        var ids = await db.Attachments.Where(a => a.DraftId != null && draftIds.Contains(a.DraftId.Value)).Select(a => a.Id)
            .ToListAsync(cancellationToken);
        await DeleteAsync(db, ids, cancellationToken);
    }
}
