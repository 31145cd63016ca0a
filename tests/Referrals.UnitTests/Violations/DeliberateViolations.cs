using Microsoft.EntityFrameworkCore;

// Deliberate breaches of the layers' rules, in a namespace of their own: ArchitectureTests proves its rules catch them.
// Nothing in the service uses these types.
namespace Referrals.UnitTests.Violations.Features
{
    internal sealed class Figures
    {
        public int Referrals { get; init; }
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
        public int Count(Violations.Features.Figures figures) => figures.Referrals;
    }

    internal sealed class Referral
    {
        public int Version { get; private set; }
    }
}
