using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Drafts;

/// <summary>Drafts' own table, as the DbContext's set (the context knows no feature).</summary>
[Seam]
public static class DraftsTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<Draft> Drafts => db.Set<Draft>();

        /// <summary>The user's own draft, unless it has expired; anyone else's is not found, as if it did not exist.</summary>
        public async Task<Draft> OwnDraftAsync(Guid id, CurrentUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
            await db.Drafts.SingleOrDefaultAsync(d => d.Id == id && d.OwnerId == user.Id && d.ExpiresAt > now, cancellationToken)
            ?? throw new NotFoundException("The draft");
    }
}
