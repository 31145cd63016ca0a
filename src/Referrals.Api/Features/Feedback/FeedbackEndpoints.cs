using Microsoft.AspNetCore.Http.HttpResults;
using Referrals.Api.OpenApi;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.Feedback;

public static class FeedbackEndpoints
{
    public static void MapFeedback(this IEndpointRouteBuilder app)
    {
        var referral = app.MapGroup("/v1/referrals/{id:guid}").WithTags("Feedback");
        var feedback = app.MapGroup("/v1/feedback").WithTags("Feedback");

        referral.MapGet("/outcome", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ReadOutcome.Query(id), ct)))
            .RequireAuthorization(Policies.ReadReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("ReadOutcome", "The outcome, for the referring agency",
                "For each child: the outcome in a partner's words, the feedback written for the referrer, where else to find support when " +
                "the outcome is below the threshold for a service, and when it was decided. Available once every decision is final (signed " +
                "off where the council requires it); before then 409 with the referral's currentState. Never shows the rationale, checks, " +
                "RAG, quality rating or history. The referring agency's first read is recorded, for the First Contact Team to see. A " +
                "referral joined with another as its duplicate has that referral's outcome for the same children once it is ready, with " +
                "a standard explanation in place of the feedback written for the other referrer (who is never named).",
                "referrer (own agency's referrals only; another agency's answer 404), practitioner, manager", null, Examples.Outcome, 404, 409, 429);

        referral.MapGet("/feedback-status", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new FeedbackStatus.Query(id), ct)))
            .RequireAuthorization(Policies.TriageReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("GetFeedbackStatus", "Whether the referring agency has heard",
                "Per child, when the outcome became ready and when the referring agency first read it; per event (received, more " +
                "information requested, outcome ready, withdrawn), each webhook and e-mail notice: delivered, failed (after retrying for " +
                "the configured period) or pending, with attempts and the last error.",
                "practitioner, manager", null, Examples.FeedbackStatus, 404, 429);

        feedback.MapGet("/events", async ([AsParameters] ReadFeed.Query query, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(query, ct)))
            .RequireAuthorization(Policies.ReadFeedbackFeed).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("ReadFeedbackFeed", "The referring agency's feed of events",
                "The agency's own events in order: received, more information requested, outcome ready, withdrawn, joined with another " +
                "referral (as a duplicate). Each carries the " +
                "reference and a link, no personal data. Pass nextCursor as after to resume: nothing is missed or repeated, because an " +
                "agency's events are numbered 1, 2, 3... in the order their changes committed.",
                "referrer (own agency's events only)", null, Examples.Feed, 400, 422, 429);

        feedback.MapPost("/subscriptions", Subscribe)
            .RequireAuthorization(Policies.ManageWebhooks)
            .Documented("CreateWebhookSubscription", "Send an agency's events to its system",
                "Registers a receiving URL (https) for an agency. The receiver must be on a public address: loopback, private, " +
                "link-local, shared, multicast and reserved addresses are refused (422), in any spelling, and checked again each time " +
                "a delivery connects (a name that resolves inside is not dialled). Every event for the agency's referrals is POSTed to it as JSON, signed " +
                "with HMAC-SHA256 in the Referrals-Signature header (see the README for the format and a verification example). The " +
                "answer holds the shared secret: it is shown this once and never again.",
                "manager", Examples.Subscribe, Examples.Subscribed, 400, 413, 415, 422);

        feedback.MapGet("/subscriptions", async ([AsParameters] ListSubscriptions.Query query, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(query, ct)))
            .RequireAuthorization(Policies.ManageWebhooks)
            .Documented("ListWebhookSubscriptions", "Webhook subscriptions and how their deliveries stand",
                "Each subscription with its counts of delivered, pending and failed notices, the last delivery and the last error (in plain " +
                "categories: the receiver's answer, unreachable or too slow, or an address refused). Secrets are never shown.",
                "manager", null, Examples.Subscriptions, 400, 422);

        feedback.MapDelete("/subscriptions/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveSubscription.Command(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.ManageWebhooks)
            .Documented("RemoveWebhookSubscription", "Stop sending an agency's events to a system",
                "No more notices go to the URL; any still waiting for it are marked failed. The agency can still read its feed.",
                "manager", null, null, 404);
    }

    private static async Task<Created<CreateSubscription.CreatedSubscription>> Subscribe(CreateSubscription.Body body, IMediator m, CancellationToken ct)
    {
        var created = await m.Send(new CreateSubscription.Command(body.AgencyCode, body.Url), ct);
        return TypedResults.Created($"/v1/feedback/subscriptions/{created.Id}", created);
    }
}
