using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Feedback;
using Referrals.Api.Features.Referrals;
using Referrals.Api.Features.Triage;
using Referrals.Api.Pages.Components;
using static Referrals.Api.Pages.PageResults;

namespace Referrals.Api.Pages;

/// <summary>The partner's pages about what their agency has sent: the list, a referral, its questions, outcome and copy.</summary>
public static class PartnerPages
{
    public static RouteGroupBuilder MapPartnerPages(this IEndpointRouteBuilder app)
    {
        // Every form a page posts carries its antiforgery token: the middleware checks it, and AsPage refuses a post without one.
        var partner = app.MapGroup("/partner").RequireAuthorization(PageSetup.PartnerPages)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).AddEndpointFilter(AsPage).ExcludeFromDescription();

        partner.MapGet("", async ([FromQuery] string? cursor, IMediator m, CancellationToken ct) =>
        {
            var drafts = await m.Send(new ListDrafts.Query(), ct);
            var referrals = await m.Send(new ListReferrals.Query(null, null, null, null, cursor, 20), ct);
            return Page<HomePage>(new { Drafts = drafts, Referrals = referrals });
        });

        partner.MapGet("/referrals/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => await ReferralPageAsync(id, m, ct));

        partner.MapGet("/referrals/{id:guid}/sent", async (Guid id, IMediator m, CancellationToken ct) =>
            Page<SentPage>(new { Referral = await m.Send(new GetReferral.Query(id), ct) }));

        partner.MapPost("/referrals/{id:guid}/questions/{requestId:guid}", async (Guid id, Guid requestId, HttpRequest request, IMediator m,
            CancellationToken ct) =>
        {
            var posted = await request.ReadFormAsync(ct);
            var form = new AnswerForm(posted["answer"].ToString(), int.TryParse(posted["version"], out var version) ? version : -1);
            try
            {
                await m.Send(new AnswerInformationRequest.Command(id, requestId, form.Version, form.Answer), ct);
                return Results.Redirect($"/partner/referrals/{id}");
            }
            catch (FluentValidation.ValidationException refused)
            {
                return await ReferralPageAsync(id, m, ct, [.. Errors(refused).Select(e => e with { Message = "Write your answer" })], form.Answer);
            }
            catch (RefusedException)
            {
                return await ReferralPageAsync(id, m, ct, [new("answer", "The referral changed while you were writing: check the question and send your answer again")], form.Answer);
            }
        });

        partner.MapGet("/referrals/{id:guid}/copy", async (Guid id, IMediator m, PdfRendering pdfs, CancellationToken ct) =>
        {
            var copy = await m.Send(new GetSubmission.Query(id), ct);
            return await pdfs.RenderAsync(copy, ct) is { } pdf
                ? Results.File(pdf, "application/pdf", $"{copy.Reference}.pdf")
                : Page<MessagePage>(new { Title = "Try again in a few seconds", Paragraphs = new[] { "Copies are busy just now." }, LinkHref = $"/partner/referrals/{id}", LinkText = "Back to the referral" },
                    StatusCodes.Status503ServiceUnavailable);
        });

        partner.MapGet("/referrals/{id:guid}/documents/{attachmentId:guid}", (Guid id, Guid attachmentId, IMediator m, Data.ReferralsDbContext db, CancellationToken ct) =>
            AttachmentsEndpoints.OpenAsync(new ReadAttachment.Query(null, id, attachmentId), m, db, ct));

        // The session timeout warning's "stay signed in": any request made with the session renews it.
        partner.MapGet("/session", () => Results.NoContent());

        partner.MapGet("/not-for-you", () => Page<MessagePage>(new
        {
            Title = "You cannot use these pages",
            Paragraphs = new[] { "These pages are for partner agencies making referrals. The First Contact Team's pages are not ready yet: use the API." },
        }, StatusCodes.Status403Forbidden)).AllowAnonymous();
        return partner;
    }

    public sealed record AnswerForm(string? Answer, int Version);

    private static async Task<IResult> ReferralPageAsync(Guid id, IMediator m, CancellationToken ct, List<PageError>? errors = null, string? answer = null)
    {
        var referral = await m.Send(new GetReferral.Query(id), ct);
        ReadOutcome.Outcome? outcome = null;
        if (referral.Status is ReferralStatus.OutcomeReady or ReferralStatus.Closed or ReferralStatus.Linked)
        {
            try
            {
                outcome = await m.Send(new ReadOutcome.Query(id), ct);
            }
            catch (RefusedException)
            {
                // Closed or joined without an outcome of its own to tell: the page says what it can.
            }
        }
        return Page<ReferralPage>(new { Referral = referral, Outcome = outcome, Documents = referral.Attachments, Errors = errors ?? [], PostedAnswer = answer },
            errors is { Count: > 0 } ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }
}
