using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Attachments;

/// <summary>Attachments' own tables, as the DbContext's sets (the context knows no feature).</summary>
[Seam]
public static class AttachmentsTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<Attachment> Attachments => db.Set<Attachment>();
        public DbSet<AttachmentChunk> AttachmentChunks => db.Set<AttachmentChunk>();
    }
}
