using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Audit;

/// <summary>
/// The audit trail's table, as the DbContext's sets: the context (Data) knows no feature, so a feature names its own tables
/// here and configures them beside their rows.
/// </summary>
public static class AuditTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<AuditEntry> AuditEntries => db.Set<AuditEntry>();
    }
}
