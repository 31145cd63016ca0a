using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Referrals.Api.Features.Referrals;
using Referrals.Api.OpenApi;

namespace Referrals.Api.Features.Drafts;

public static class DraftsEndpoints
{
    private const string Owner = "referrer, practitioner, manager (own drafts only: anyone else's answer 404, the First Contact Team's included)";

    public static void MapDrafts(this IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup("/v1/drafts").WithTags("Drafts");

        drafts.MapPost("", Start).RequireAuthorization(Policies.SubmitReferrals).Sends(ResponseHeaders.ETag)
            .Documented("StartDraft", "Start a draft referral",
                "Saves the form as far as it is written ({} for none yet) as a draft that only you can see, to carry on with later. " +
                "Only wrong values are refused (422 naming each field); the answer says what the draft would score and what it " +
                "still needs before it can be submitted (toSubmit). A draft is kept for the days the council sets after its last " +
                "save (expiresAt; expiresSoon when the warning days have begun), and counts in no figure.",
                Owner, Examples.DraftAnswers, Examples.Draft, 400, 413, 415, 422);

        drafts.MapGet("", List).RequireAuthorization(Policies.SubmitReferrals)
            .Documented("ListDrafts", "Your drafts",
                "Your own drafts, last saved first, with the children's names so far and when each will be deleted unless saved.",
                Owner, null, Examples.Drafts);

        drafts.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.SubmitReferrals).Sends(ResponseHeaders.ETag)
            .Documented("GetDraft", "Read a draft",
                "The draft as last saved, its documents, what it would score and what it still needs. The ETag is its version, for If-Match.",
                Owner, null, Examples.Draft, 404);

        drafts.MapPut("/{id:guid}", Save).RequireAuthorization(Policies.SubmitReferrals).Sends(ResponseHeaders.ETag)
            .Documented("SaveDraft", "Save a draft",
                "Replaces the draft's form with this one. Send If-Match with the ETag you read (428 without it; 412 if the draft was " +
                "saved since, from another tab, say). Only wrong values are refused (422); the expiry starts again.",
                Owner, Examples.DraftAnswers, Examples.Draft, 404, 412, 413, 415, 422, 428);

        drafts.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.SubmitReferrals)
            .Documented("DeleteDraft", "Delete a draft",
                "Deletes the draft and its documents. Send If-Match to be sure it is the version you read (412 if not).",
                Owner, null, null, 404, 412);

        drafts.MapPost("/{id:guid}/submit", Submit).RequireAuthorization(Policies.SubmitReferrals).RequireRateLimiting(AbuseLimits.Submissions)
            .Sends(ResponseHeaders.IdempotentReplayed)
            .Documented("SubmitDraft", "Submit a draft as a referral",
                "Submits the draft exactly as Submit a referral does (the same checks, with 422 naming each field at fault; the same " +
                "answer), deletes the draft and makes its documents the referral's, in one transaction. Send If-Match with the " +
                "ETag you read (428 without it; 412 if it was saved since). Submitting the same draft again answers with the " +
                "referral it became (Idempotent-Replayed: true), so a retry after a lost answer is safe.",
                Owner, null, Examples.Acknowledgement, 404, 412, 422, 428, 429);
    }

    private static async Task<Created<DraftDetail>> Start(DraftForm form, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var draft = await mediator.Send(new StartDraft.Command(form.ToForm()), ct);
        response.Headers.ETag = Preconditions.ETag(draft.Version);
        return TypedResults.Created($"/v1/drafts/{draft.Id}", draft);
    }

    private static async Task<Ok<ListDrafts.DraftList>> List(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListDrafts.Query(), ct));

    private static async Task<Ok<DraftDetail>> Get(Guid id, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var draft = await mediator.Send(new GetDraft.Query(id), ct);
        response.Headers.ETag = Preconditions.ETag(draft.Version);
        return TypedResults.Ok(draft);
    }

    private static async Task<Ok<DraftDetail>> Save(
        Guid id, DraftForm form, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var draft = await mediator.Send(new SaveDraft.Command(id, form.ToForm(), Preconditions.RequiredVersion(ifMatch)), ct);
        response.Headers.ETag = Preconditions.ETag(draft.Version);
        return TypedResults.Ok(draft);
    }

    private static async Task<NoContent> Delete(Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteDraft.Command(id, Preconditions.OptionalVersion(ifMatch)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<SubmitReferral.Acknowledgement>> Submit(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitDraft.Command(id, Preconditions.RequiredVersion(ifMatch)), ct);
        if (result.Replayed) response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/v1/referrals/{result.Acknowledgement.Id}", result.Acknowledgement);
    }
}
