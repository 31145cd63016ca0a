using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.OpenApi;

namespace Referrals.Api.Features.Attachments;

/// <summary>What the contract says an upload is: a form with the document in a part named file.</summary>
public sealed record AttachmentUpload(IFormFile File);

public static class AttachmentsEndpoints
{
    /// <summary>A document's bytes, in the contract: one media type for each kind the council takes.</summary>
    private static readonly OtherRepresentations Documents = new(
        Domain.DocumentTypes.Accepted.ToDictionary(t => t.MediaType, t => $"(the bytes of the {t.Name}, as it was attached)"));

    private const string Owner = "referrer, practitioner, manager (own drafts only: anyone else's answer 404)";

    public static void MapAttachments(this IEndpointRouteBuilder app, AttachmentOptions options)
    {
        var onDrafts = app.MapGroup("/v1/drafts/{id:guid}/attachments").WithTags("Drafts");

        onDrafts.MapPost("", Add).RequireAuthorization(Policies.SubmitReferrals)
            .WithMetadata(new AcceptsUpload(typeof(AttachmentUpload)))
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes))
            .DisableAntiforgery()
            .Documented("AddAttachment", "Attach a document to a draft",
                $"Adds a document to your draft, sent as multipart/form-data with the document in a part named file: " +
                $"{Domain.DocumentTypes.AcceptedInWords}, up to {options.MaxInWords}, at most {options.MaxPerReferral} on a referral " +
                "(both set by the council). The type is decided by the document's bytes, not its name: anything else, an empty " +
                "file, or a Word document with macros is refused (422 naming file). The document travels with the referral when " +
                "the draft is submitted, and is listed in the copy of the submission.",
                Owner, Examples.Upload, Examples.AttachmentAdded, 404, 413, 415, 422);

        onDrafts.MapGet("/{attachmentId:guid}", (Guid id, Guid attachmentId, IMediator m, ReferralsDbContext db, CancellationToken ct) =>
                OpenAsync(new ReadAttachment.Query(id, null, attachmentId), m, db, ct))
            .RequireAuthorization(Policies.SubmitReferrals).AsDocument()
            .Documented("ReadDraftAttachment", "Open a document on a draft",
                "The document's bytes, as its type, to download (Content-Disposition: attachment).", Owner, null, null, 404);

        onDrafts.MapDelete("/{attachmentId:guid}", async (Guid id, Guid attachmentId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveAttachment.Command(id, attachmentId), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.SubmitReferrals)
            .Documented("RemoveAttachment", "Take a document off a draft", "Deletes the document from your draft.", Owner, null, null, 404);

        app.MapGet("/v1/referrals/{id:guid}/attachments/{attachmentId:guid}",
                (Guid id, Guid attachmentId, IMediator m, ReferralsDbContext db, CancellationToken ct) =>
                    OpenAsync(new ReadAttachment.Query(null, id, attachmentId), m, db, ct))
            .WithTags("Referrals").RequireAuthorization(Policies.ReadReferrals).RequireRateLimiting(AbuseLimits.Reads).AsDocument()
            .Documented("ReadAttachment", "Open a document sent with a referral",
                "The document's bytes, as sent with the referral (the copy of the submission lists each with its SHA-256). Every " +
                "opening is in the referral's audit trail.",
                "referrer (own agency's referrals only; another agency's answer 404), practitioner, manager", null, null, 404, 429);
    }

    private static RouteHandlerBuilder AsDocument(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, responseType: null, contentType: Domain.DocumentTypes.Pdf.MediaType,
                Domain.DocumentTypes.Accepted.Skip(1).Select(t => t.MediaType).ToArray())
            .WithMetadata(Documents);

    private static async Task<Created<AttachmentSummary>> Add(Guid id, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new RefusedException(ProblemTypes.UnsupportedUpload);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            throw new RefusedException(ProblemTypes.BadRequest,
                "The upload could not be read as multipart/form-data: check its boundary and that it arrived whole. Nothing was stored.");
        }
        var added = await AddAttachment.SendAsync(mediator, id, form.Files.GetFile(AddAttachment.Field), ct);
        return TypedResults.Created($"/v1/drafts/{id}/attachments/{added.Id}", added);
    }

    /// <summary>Audited first (ReadAttachment), then streamed from the database a chunk at a time.</summary>
    public static async Task<IResult> OpenAsync(ReadAttachment.Query query, IMediator mediator, ReferralsDbContext db, CancellationToken ct)
    {
        var attachment = await mediator.Send(query, ct);
        return new Document(attachment, db);
    }

    private sealed class Document(Attachment attachment, ReferralsDbContext db) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.ContentType = attachment.MediaType;
            response.ContentLength = attachment.Bytes;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(attachment.FileName);
            response.Headers.ContentDisposition = disposition.ToString();
            // Never shown in the service's own origin: a document is downloaded, and could run nothing if it were shown.
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            response.Headers.CacheControl = "private, no-store";
            await AttachmentStore.CopyToAsync(db, attachment, response.Body, context.RequestAborted);
        }
    }
}
