using Microsoft.AspNetCore.Http.HttpResults;
using Referrals.Api.OpenApi;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/referrals/{id:guid}/audit", async Task<Ok<IReadOnlyList<ReadAuditTrail.Entry>>> (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReadAuditTrail.Query(id), ct)))
            .WithTags("Audit")
            .RequireAuthorization(Policies.ReadAuditTrail).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("ReadAuditTrail", "Audit trail of a referral",
                "Every read and write of the referral: when, by whom, in what role and agency, and the correlation id of the request. " +
                "Reading the trail is recorded in it too.",
                "auditor", null,
                new[] { new ReadAuditTrail.Entry(new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero), "dev-referrer-SCH-DERBY-MOOR", "Jo Bloggs", "referrer", "SCH-DERBY-MOOR", AuditActions.Submitted, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") },
                404, 429);
}
