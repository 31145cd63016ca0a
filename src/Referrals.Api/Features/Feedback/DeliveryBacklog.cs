using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Feedback;

/// <summary>Feedback notices not yet delivered: a backlog that grows means partners are not hearing outcomes.</summary>
public sealed class DeliveryBacklog(IServiceScopeFactory scopes)
    : OperationalGauge("feedback.deliveries.pending", "{notice}", "Feedback notices (webhooks and e-mails) waiting to be delivered.")
{
    public override long Read()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        return db.FeedbackDeliveries.AsNoTracking().LongCount(d => d.Status == DeliveryStatus.Pending);
    }
}
