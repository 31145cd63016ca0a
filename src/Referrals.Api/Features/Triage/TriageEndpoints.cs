using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Api.Features.Referrals;
using Referrals.Api.OpenApi;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.Triage;

public static class TriageEndpoints
{
    private const string Team = "practitioner, manager";
    private const string IfMatchRule = " Send If-Match with the ETag from your last read: without it the change is refused (428), and if the referral " +
                                       "changed meanwhile it is refused (412) and nothing is overwritten.";
    // Every triage change can meet these: bad body, unknown referral, wrong state, missing or stale If-Match.
    private static readonly int[] ChangeProblems = [400, 404, 409, 412, 413, 415, 422, 428];

    public static void MapTriage(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/v1/referrals/{id:guid}").WithTags("Triage").Sends(ResponseHeaders.ETag);

        app.MapGet("/v1/triage/queue", Queue).WithTags("Triage").RequireAuthorization(Policies.TriageReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("GetTriageQueue", "The triage queue",
                "Referrals still with the front door: a child not safe now first, then red, amber, green and unrated, then by decision " +
                "due time; overdue ones are marked. Filters: state, RAG rating, assigned to me, overdue. Pass nextCursor as cursor for the next page.",
                Team, null, Examples.Queue, 400, 422, 429);

        referrals.MapPost("/assignment", (Guid id, AssignReferral.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new AssignReferral.Command(id, Preconditions.RequiredVersion(ifMatch), body.AssigneeUserId, body.AssigneeName), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("AssignReferral", "Take or assign a referral",
                "With an empty body the caller takes the referral, which starts triage. A manager may name someone else to assign or " +
                "reassign it to; a practitioner cannot take a referral someone else has (409)." + IfMatchRule,
                Team + " (assigning to someone else: manager)", Examples.Assignment, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/information-requests", (Guid id, RequestInformation.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new RequestInformation.Command(id, Preconditions.RequiredVersion(ifMatch), body.Questions), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("RequestInformation", "Ask the referrer for more information",
                "Returns the referral to its referrer with questions; it waits in awaiting-information until the referring agency answers. " +
                "Not possible once decided: new information then makes a new contact." + IfMatchRule,
                Team, Examples.Questions, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/information-requests/{requestId:guid}/answer", (Guid id, Guid requestId, AnswerInformationRequest.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new AnswerInformationRequest.Command(id, requestId, Preconditions.RequiredVersion(ifMatch), body.Answer), m, r, ct))
            .RequireAuthorization(Policies.AnswerInformationRequests)
            .Documented("AnswerInformationRequest", "Answer the First Contact Team's questions",
                "The referring agency answers; the referral returns to triage with the answer on it." + IfMatchRule,
                "referrer (own agency's referrals only)", Examples.InformationAnswer, Examples.Detail, ChangeProblems);

        referrals.MapPut("/rag", (Guid id, RateReferral.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new RateReferral.Command(id, Preconditions.RequiredVersion(ifMatch), body.Rating, body.Reason), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("RateReferral", "Set the RAG rating",
                "Rates the referral red, amber or green with a reason, starting multi-agency checks. A new rating replaces the current one; " +
                "every rating stays in the history. Each rating's target time comes from configuration (by default red 2 hours, amber 6, green 24)." + IfMatchRule,
                Team, Examples.Rag, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/checks", (Guid id, RecordCheck.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new RecordCheck.Command(id, Preconditions.RequiredVersion(ifMatch), body.Agency, body.Shared, body.SharedAt), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("RecordCheck", "Record a multi-agency check",
                "Records what another agency shared and when." + IfMatchRule,
                Team, Examples.Check, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/children/{childId:guid}/decision", (Guid id, Guid childId, DecisionBody body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new RecordDecision.Command(id, childId, Preconditions.RequiredVersion(ifMatch), body), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("RecordDecision", "Record the decision for a child",
                "The outcome, threshold level, rationale (internal), the feedback the referrer will see (with other support when the threshold " +
                "is not met), the practitioner's rating of the referral's quality with reasons, the primary need for social care outcomes, and " +
                "the team. A child is decided once (409 after); a manager can override at sign-off. When every child is decided the referral " +
                "goes for sign-off where the council's rules require it, or its outcome is ready." + IfMatchRule,
                Team, Examples.Decision, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/children/{childId:guid}/decision/sign-off", (Guid id, Guid childId, SignOffDecision.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new SignOffDecision.Command(id, childId, Preconditions.RequiredVersion(ifMatch), body.Result, body.Comment, body.Decision), m, r, ct))
            .RequireAuthorization(Policies.SignOffDecisions)
            .Documented("SignOffDecision", "Sign off a child's decision",
                "A manager agrees, or overrides with a decision of their own and the reason; both decisions are kept. Nobody signs off " +
                "their own decision (403). When no decision awaits sign-off the outcome is ready." + IfMatchRule,
                "manager", Examples.SignOff, Examples.Triaged, ChangeProblems);

        referrals.MapPut("/children/{childId:guid}/allocation", (Guid id, Guid childId, AllocateChild.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new AllocateChild.Command(id, childId, Preconditions.RequiredVersion(ifMatch), body.Team, body.Worker), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("AllocateChild", "Record who a child's case is allocated to",
                "Once a child's final decision accepts it for an assessment or a strategy discussion (it is then a referral, as the DfE " +
                "counts one), records the team and worker the case is allocated to: Ofsted's list of referrals shows them. A new " +
                "allocation replaces the last; any other child, or a referral still with the front door, is refused (409)." + IfMatchRule,
                Team, Examples.Allocation, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/link", (Guid id, LinkDuplicate.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new LinkDuplicate.Command(id, Preconditions.RequiredVersion(ifMatch), body.DuplicateOf, body.Reason), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("LinkDuplicate", "Link a referral as a duplicate",
                "Closes this referral as a duplicate of another about the same child, without a decision of its own. Refused (422) unless " +
                "every child it names is on the other (by NHS number, or by name and date of birth), so no child is left without a " +
                "decision. Its agency hears joined-with-another now, and outcome-ready on this referral when the other's outcome is " +
                "ready; the other can no longer be withdrawn." + IfMatchRule,
                Team, Examples.Link, Examples.Triaged, ChangeProblems);

        referrals.MapPost("/close", (Guid id, CloseReferral.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator m, HttpResponse r, CancellationToken ct) =>
                Change(new CloseReferral.Command(id, Preconditions.RequiredVersion(ifMatch), body.Note), m, r, ct))
            .RequireAuthorization(Policies.TriageReferrals)
            .Documented("CloseReferral", "Close a referral",
                "Ends the front door's work on a referral whose outcome is ready." + IfMatchRule,
                Team, Examples.Close, Examples.Triaged, ChangeProblems);
    }

    private static async Task<Ok<TriageQueue.Page>> Queue([AsParameters] TriageQueue.Query query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query, ct));

    private static async Task<Ok<GetReferral.ReferralDetail>> Change(IRequest<GetReferral.ReferralDetail> command, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var referral = await mediator.Send(command, ct);
        response.Headers.ETag = Preconditions.ETag(referral.Version);
        return TypedResults.Ok(referral);
    }
}
