using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Referrals.Api.OpenApi;
using MediatR;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Features.Referrals;

public static class ReferralsEndpoints
{
    private const string ReadersRoles = "referrer (own agency's referrals only; another agency's answer 404), practitioner, manager";

    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/v1/referrals").WithTags("Referrals");

        referrals.MapPost("", Submit).RequireAuthorization(Policies.SubmitReferrals).RequireRateLimiting(AbuseLimits.Submissions)
            .Sends(ResponseHeaders.IdempotentReplayed)
            .Documented("SubmitReferral", "Submit a referral",
                "Submits the standardised referral form (each user may send 30 a minute by default, quality checks included; then 429 with Retry-After). Answers with the reference number, time of receipt, when a decision is due " +
                "(one working day), one contact per child and the quality assessment. Referrers submit through the electronic form for " +
                "their own agency; practitioners and managers record phone, e-mail and in-person referrals for a named agency. " +
                "Send an Idempotency-Key header to make retries safe: the same key and body return the original referral " +
                "(with Idempotent-Replayed: true); the same key with another body is refused (422).",
                "referrer, practitioner, manager", Examples.Form, Examples.Acknowledgement, 400, 413, 415, 422, 429);

        referrals.MapPost("/quality-check", CheckQuality).RequireAuthorization(Policies.SubmitReferrals).RequireRateLimiting(AbuseLimits.QualityChecks)
            .Documented("CheckReferralQuality", "Check a draft referral without storing it",
                "Runs the same validation as submission (422 naming each field at fault) and, for a draft that would be accepted, " +
                "returns its quality score out of 100 with each rubric element met or missing. Nothing is stored.",
                "referrer, practitioner, manager", Examples.Form, Examples.Quality, 400, 413, 415, 422, 429);

        referrals.MapGet("", List).RequireAuthorization(Policies.ReadReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .Documented("ListReferrals", "List referrals",
                "Referrals newest first, a page at a time (pass nextCursor as cursor for the next page). Filters: status, received " +
                "date range (London days), part of a child's name.",
                ReadersRoles, null, Examples.Page, 400, 422, 429);

        referrals.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ReadReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .Sends(ResponseHeaders.ETag)
            .Documented("GetReferral", "Read a referral",
                "The referral's status, timescales, children and quality assessment. The ETag header carries its version, for If-Match.",
                ReadersRoles, null, Examples.Detail, 404, 429);

        referrals.MapGet("/{id:guid}/submission", GetSubmissionCopy).RequireAuthorization(Policies.ReadReferrals).RequireRateLimiting(AbuseLimits.Reads)
            .WithMetadata(new OtherRepresentations(new Dictionary<string, string>
            {
                ["text/html"] = SubmissionHtml.Of(Examples.Submission),
                ["application/pdf"] = "%PDF-1.7 … (binary: the same fields as the printable page, on A4 pages)",
            }))
            .Documented("GetSubmission", "Copy of what was submitted",
                "Exactly the form as it was accepted, with the reference and time of receipt. It never changes after submission. " +
                "JSON by default; send Accept: text/html for a printable page or Accept: application/pdf for a PDF, each showing every " +
                "field that was submitted. Any other Accept is refused (406). PDF copies are rendered a few at a time; when none comes free " +
                "within a few seconds, 503 with Retry-After.",
                ReadersRoles, null, Examples.Submission, 404, 406, 429);

        referrals.MapPost("/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.WithdrawReferrals).Sends(ResponseHeaders.ETag)
            .Documented("WithdrawReferral", "Withdraw a referral before triage starts",
                "The referring agency withdraws its referral with a reason. Only a submitted referral can be withdrawn (409 once triage " +
                "has started). Send If-Match with the ETag you read to be sure nobody changed it meanwhile (412 if they did).",
                "referrer (own agency's referrals only)", Examples.Withdrawal_, Examples.Withdrawn, 400, 404, 409, 412, 413, 415, 422);
    }

    private static async Task<Created<SubmitReferral.Acknowledgement>> Submit(
        ReferralForm form, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var result = await mediator.Send(new SubmitReferral.Command(form, idempotencyKey), ct);
        if (result.Replayed) response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/v1/referrals/{result.Acknowledgement.Id}", result.Acknowledgement);
    }

    private static async Task<Ok<QualityRubric.Assessment>> CheckQuality(ReferralForm draft, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new CheckReferralQuality.Query(draft), ct));

    private static async Task<Ok<ListReferrals.Page>> List([AsParameters] ListReferrals.Query query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query, ct));

    private static async Task<Ok<GetReferral.ReferralDetail>> Get(Guid id, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var referral = await mediator.Send(new GetReferral.Query(id), ct);
        response.Headers.ETag = Preconditions.ETag(referral.Version);
        return TypedResults.Ok(referral);
    }

    private static async Task<Results<Ok<GetSubmission.SubmissionCopy>, ContentHttpResult, FileContentHttpResult>> GetSubmissionCopy(
        Guid id, HttpRequest request, HttpResponse response, IMediator mediator, PdfRendering pdfs, CancellationToken ct)
    {
        // Decided before reading, so a refused request reads (and audits) nothing.
        var format = SubmissionFormats.Negotiate(request);
        var copy = await mediator.Send(new GetSubmission.Query(id), ct);
        switch (format)
        {
            case SubmissionFormat.Html:
                // Belt and braces: every value is encoded, and the page may run no script at all.
                response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
                return TypedResults.Content(SubmissionHtml.Of(copy), "text/html; charset=utf-8");
            case SubmissionFormat.Pdf:
                return TypedResults.File(await pdfs.RenderAsync(copy, ct) ?? throw new RefusedException(ProblemTypes.Unavailable,
                    "PDF copies are busy just now. Try again in a few seconds, or ask for the printable page (Accept: text/html).", 5),
                    "application/pdf", $"{copy.Reference}.pdf");
            default:
                return TypedResults.Ok(copy);
        }
    }

    private static async Task<Ok<GetReferral.ReferralDetail>> Withdraw(
        Guid id, WithdrawReferral.Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var referral = await mediator.Send(new WithdrawReferral.Command(id, body.Reason, Preconditions.OptionalVersion(ifMatch)), ct);
        response.Headers.ETag = Preconditions.ETag(referral.Version);
        return TypedResults.Ok(referral);
    }
}
