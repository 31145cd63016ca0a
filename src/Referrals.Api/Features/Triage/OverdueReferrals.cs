using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Triage;

/// <summary>Referrals still with the front door after their decision was due: the figure a duty manager watches.</summary>
public sealed class OverdueReferrals(IServiceScopeFactory scopes, TimeProvider clock)
    : OperationalGauge("referrals.overdue", "{referral}", "Referrals still awaiting a decision after it was due.")
{
    public override long Read()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var now = clock.GetUtcNow();
        return db.Referrals.AsNoTracking().LongCount(r => ReferralLifecycle.AwaitingDecision.Contains(r.Status) && r.DecisionDueAt < now);
    }
}
