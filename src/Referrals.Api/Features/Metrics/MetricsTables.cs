using Microsoft.EntityFrameworkCore;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// The figures' own tables (contact facts, totals, children claimed, inspection ids), as the DbContext's sets: the context (Data) knows no feature, so a feature names its own tables
/// here and configures them beside their rows.
/// </summary>
public static class MetricsTables
{
    extension(ReferralsDbContext db)
    {
        public DbSet<ContactFact> ContactFacts => db.Set<ContactFact>();
        public DbSet<FortnightFigures> FortnightFigures => db.Set<FortnightFigures>();
        public DbSet<PeriodFigures> PeriodFigures => db.Set<PeriodFigures>();
        public DbSet<TotalsRevision> TotalsRevisions => db.Set<TotalsRevision>();
        public DbSet<FortnightChild> FortnightChildren => db.Set<FortnightChild>();
        public DbSet<KnownChildId> KnownChildIds => db.Set<KnownChildId>();
    }
}
