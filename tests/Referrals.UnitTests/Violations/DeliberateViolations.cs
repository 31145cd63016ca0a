using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;

// Deliberate breaches of the layers' rules, in a namespace of their own: ArchitectureTests proves its rules catch them
// (and pass what is allowed). Nothing in the service uses these types.
namespace Referrals.UnitTests.Violations.Features.Metrics
{
    internal sealed class Figures
    {
        public int Referrals { get; init; }
    }

    [Seam]
    internal sealed class FiguresForOthers
    {
        public int Referrals { get; init; }
    }
}

namespace Referrals.UnitTests.Violations.Features.Triage
{
    internal sealed class QueueThatCountsRows
    {
        public int Count(Metrics.Figures figures) => figures.Referrals;
    }

    internal sealed class QueueThatAsksTheSeam
    {
        public int Count(Metrics.FiguresForOthers figures) => figures.Referrals;
    }
}

namespace Referrals.UnitTests.Violations.Data
{
    internal sealed class ContextThatSummarises
    {
        public int Summarise(Features.Metrics.Figures figures) => figures.Referrals;
    }
}

namespace Referrals.UnitTests.Violations.Domain
{
    internal sealed class ReferralThatSavesItself
    {
        public Task SaveAsync(DbContext db) => db.SaveChangesAsync();
    }

    internal sealed class ReferralThatReadsFigures
    {
        public int Count(Features.Metrics.Figures figures) => figures.Referrals;
    }

    internal sealed class Referral
    {
        public int Version { get; private set; }
    }
}
