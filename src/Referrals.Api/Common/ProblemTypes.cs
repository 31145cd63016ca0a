using Microsoft.AspNetCore.Mvc;

namespace Referrals.Api.Common;

/// <summary>
/// One kind of problem the service answers: its type URI (RFC 9457), status and title never vary between occurrences;
/// the detail says what happened this time. The type URIs are relative, so they hold whatever host serves the API, and
/// each resolves to a page explaining the problem (<see cref="ProblemPages"/>).
/// </summary>
public sealed record ProblemType(string Slug, int Status, string Title, string Explanation)
{
    public string Uri => $"/problems/{Slug}";

    public ProblemDetails With(string? detail) => new() { Type = Uri, Status = Status, Title = Title, Detail = detail ?? Explanation };
}

public static class ProblemTypes
{
    public static readonly ProblemType UnreadableBody = new("unreadable-body", 400, "The request body could not be read.",
        "The body is not valid JSON for this operation: a value of the wrong type, a word not allowed, or a field the form does not have. " +
        "errors names the field. Nothing was stored.");
    public static readonly ProblemType UnreadableParameter = new("unreadable-parameter", 400, "A parameter could not be read.",
        "A query parameter or header is not of the expected type, or holds control characters. errors names it.");
    public static readonly ProblemType BadRequest = new("bad-request", 400, "The request could not be read.",
        "Check the request's body, parameters and headers.");
    public static readonly ProblemType HttpsRequired = new("https-required", 400, "HTTPS is required.",
        "This service holds children's personal data: use HTTPS. Nothing was read or stored.");
    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401, "Sign-in is required.",
        "Send a bearer token from the council's identity provider that is valid now, for this service.");
    public static readonly ProblemType Forbidden = new("forbidden", 403, "Your role does not allow this.",
        "Your role, or who you are, does not allow this operation (a manager cannot sign off their own decision, for instance).");
    public static readonly ProblemType NotFound = new("not-found", 404, "Not found.",
        "Nothing is here, or it is not yours to see: another agency's referral answers the same as one that does not exist.");
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "That method is not allowed here.",
        "The contract (openapi/referrals.v1.json) lists the methods each path takes.");
    public static readonly ProblemType NotAcceptable = new("not-acceptable", 406, "That format is not offered.",
        "The Accept header names no format this operation offers; the detail lists those it does.");
    public static readonly ProblemType WrongState = new("wrong-state", 409, "The referral is not in a state that allows this.",
        "The referral's status does not allow this step; currentState says where it stands.");
    public static readonly ProblemType TriageRule = new("triage-rule", 409, "The referral as it stands does not allow this.",
        "A rule of triage refuses this step as the referral stands (a decision still awaiting sign-off, a duplicate that " +
        "shares no child, an assignment someone else holds): the detail says which.");
    public static readonly ProblemType ChangedSinceRead = new("changed-since-read", 412, "The referral has changed since you read it.",
        "Someone else changed this referral meanwhile. Read it again and repeat your change if it still applies. Nothing was overwritten.");
    public static readonly ProblemType TooLarge = new("too-large", 413, "The request body is too large.",
        "Send a smaller body; the limit is in the service's configuration.");
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, "Send the body as application/json in UTF-8.",
        "The body's Content-Type is not JSON in UTF-8.");
    public static readonly ProblemType UnsupportedUpload = new("unsupported-upload", 415, "Send the document as multipart/form-data.",
        "A document is uploaded as a form would send it: multipart/form-data, with the document in a part named file. Nothing was stored.");
    public static readonly ProblemType InvalidReferral = new("invalid-referral", 422, "The referral has errors.",
        "Correct the fields listed in errors and send it again. Nothing was stored.");
    public static readonly ProblemType InvalidRequest = new("invalid-request", 422, "The request has errors.",
        "Correct the fields or parameters listed in errors and send it again. Nothing was stored.");
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency-Key reused with a different body.",
        "This Idempotency-Key was already used for a different body. Use a new key for a new referral.");
    public static readonly ProblemType IfMatchRequired = new("if-match-required", 428, "If-Match is required.",
        "Send If-Match with the ETag from your last read of the referral, so a change someone else made meanwhile is not overwritten.");
    public static readonly ProblemType TooManyRequests = new("too-many-requests", 429, "Too many requests.",
        "Each user has an allowance a minute; Retry-After says when to try again. Nothing was stored.");
    public static readonly ProblemType ServerError = new("server-error", 500, "Something went wrong on our side.",
        "Nothing was stored. Try again; if it happens again, quote the traceId.");
    public static readonly ProblemType Unavailable = new("unavailable", 503, "The service is briefly unavailable.",
        "Nothing was stored. Try again after the seconds Retry-After gives.");

    public static readonly IReadOnlyList<ProblemType> All =
    [
        UnreadableBody, UnreadableParameter, BadRequest, HttpsRequired, Unauthenticated, Forbidden, NotFound, MethodNotAllowed,
        NotAcceptable, WrongState, TriageRule, ChangedSinceRead, TooLarge, UnsupportedMediaType, UnsupportedUpload, InvalidReferral, InvalidRequest,
        IdempotencyKeyReused, IfMatchRequired, TooManyRequests, ServerError, Unavailable,
    ];

    /// <summary>For a status set without saying why (authentication, authorization, routing): its most general kind.</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => BadRequest,
        409 => WrongState,
        422 => InvalidRequest,
        _ => All.FirstOrDefault(t => t.Status == status)
            ?? new ProblemType($"status-{status}", status, "The request could not be handled.", "See the HTTP status."),
    };
}
