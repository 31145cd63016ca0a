using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// The submissions' own table (idempotency keys), as the DbContext's sets: the context (Data) knows no feature, so a feature names its own tables
/// here and configures them beside their rows.
/// </summary>
public static class ReferralsTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<IdempotencyRecord> IdempotencyRecords => db.Set<IdempotencyRecord>();
    }
}
