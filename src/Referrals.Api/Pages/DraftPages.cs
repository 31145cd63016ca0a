using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Pages.Components;
using static Referrals.Api.Pages.PageResults;

namespace Referrals.Api.Pages;

/// <summary>
/// The partner's pages for writing a referral: a task list of the form's sections, a page of questions for each
/// (and for each child and adult), documents, check your answers, and sending. Every page goes through the API's own
/// use cases (StartDraft, SaveDraft, SubmitDraft...), so a page and the API keep the same rules.
/// </summary>
public static class DraftPages
{
    public static void MapDraftPages(this RouteGroupBuilder partner, AttachmentOptions attachments)
    {
        partner.MapPost("/drafts", async (IMediator m, CancellationToken ct) =>
            Results.Redirect(DraftLinks.Draft((await m.Send(new StartDraft.Command(new ReferralForm()), ct)).Id)))
            ;

        var draft = partner.MapGroup("/drafts/{id:guid}");
        draft.MapGet("", async (Guid id, IMediator m, CancellationToken ct) => Page<TaskListPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct) }));

        draft.MapGet("/check", async (Guid id, IMediator m, CancellationToken ct) => Page<CheckAnswersPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct) }));
        draft.MapPost("/send", async (Guid id, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            try
            {
                var sent = await m.Send(new SubmitDraft.Command(id, Version(form)), ct);
                return Results.Redirect($"/partner/referrals/{sent.Acknowledgement.Id}/sent");
            }
            catch (ValidationException refused)
            {
                return Page<CheckAnswersPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct), Errors = Errors(refused) },
                    StatusCodes.Status422UnprocessableEntity);
            }
            catch (RefusedException)
            {
                return Page<CheckAnswersPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct), Errors = new[] { Changed } },
                    StatusCodes.Status409Conflict);
            }
        });

        draft.MapGet("/delete", async (Guid id, IMediator m, CancellationToken ct) => Page<DeleteDraftPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct) }));
        draft.MapPost("/delete", async (Guid id, HttpRequest request, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new DeleteDraft.Command(id, Version(await request.ReadFormAsync(ct))), ct);
            return Results.Redirect("/partner");
        });

        MapDocuments(draft, attachments);
        MapSections(draft);
    }

    private static readonly PageError Changed = new("", "This draft was changed in another window or tab. Check your answers and try again.");

    /// <summary>The version the page was showing, which the change must still match; none read as a stale page.</summary>
    private static int Version(IFormCollection form) => int.TryParse(form["version"], out var version) ? version : -1;

    private static void MapSections(RouteGroupBuilder draft)
    {
        draft.MapGet("/{section}", async (Guid id, string section, IMediator m, CancellationToken ct) =>
        {
            if (FormSections.Find(section) is not { } found) return NotFound();
            var (detail, answers) = await ReadAsync(m, id, ct);
            return found.List is null
                ? Page<QuestionPage>(new { Draft = detail, Section = found, Answers = answers })
                : Page<ListSectionPage>(new { Draft = detail, Section = found, Answers = answers });
        });
        draft.MapGet("/{section}/{item:int}", async (Guid id, string section, int item, IMediator m, CancellationToken ct) =>
        {
            var (detail, answers) = await ReadAsync(m, id, ct);
            if (FormSections.Find(section) is not { List: { } list } found || item < 0 || item >= answers.Count(list)) return NotFound();
            return Page<QuestionPage>(new { Draft = detail, Section = found, Answers = answers, Item = (int?)item });
        });

        draft.MapPost("/{section}", (Guid id, string section, HttpRequest request, IMediator m, CancellationToken ct) =>
            SaveSectionAsync(id, section, null, request, m, ct));
        draft.MapPost("/{section}/{item:int}", (Guid id, string section, int item, HttpRequest request, IMediator m, CancellationToken ct) =>
            SaveSectionAsync(id, section, item, request, m, ct));

        draft.MapPost("/{section}/add", (Guid id, string section, HttpRequest request, IMediator m, CancellationToken ct) =>
            ChangeListAsync(id, section, request, m, ct, (answers, list) => answers.Add(list)))
            ;
        draft.MapPost("/{section}/{item:int}/remove", (Guid id, string section, int item, HttpRequest request, IMediator m, CancellationToken ct) =>
            ChangeListAsync(id, section, request, m, ct, (answers, list) =>
            {
                answers.Remove(list, item);
                return null;
            }));
    }

    private static async Task<IResult> SaveSectionAsync(Guid id, string slug, int? item, HttpRequest request, IMediator m, CancellationToken ct)
    {
        var posted = await request.ReadFormAsync(ct);
        var (detail, answers) = await ReadAsync(m, id, ct);
        if (FormSections.Find(slug) is not { } section || (section.List is { } list) != (item is not null)
            || (item is { } index && (index < 0 || index >= answers.Count(section.List!))))
            return NotFound();

        var errors = new List<PageError>();
        answers.Take(section, item, posted, errors);
        if (errors.Count == 0 && await SaveAsync(m, id, answers, Version(posted), errors, ct))
            return Results.Redirect(section.List is null ? DraftLinks.Draft(id) : DraftLinks.Section(id, section));
        return Page<QuestionPage>(new { Draft = detail, Section = section, Answers = answers, Item = item, Errors = errors, Posted = posted },
            StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Adds or removes a child or an adult; a new one's page comes next.</summary>
    private static async Task<IResult> ChangeListAsync(Guid id, string slug, HttpRequest request, IMediator m, CancellationToken ct,
        Func<FormAnswers, string, int?> change)
    {
        var posted = await request.ReadFormAsync(ct);
        if (FormSections.Find(slug) is not { List: { } list } section) return NotFound();
        var (detail, answers) = await ReadAsync(m, id, ct);
        var added = change(answers, list);
        var errors = new List<PageError>();
        // Not saved: the page shows the list as the draft still holds it, without the change.
        if (!await SaveAsync(m, id, answers, Version(posted), errors, ct))
            return Page<ListSectionPage>(new { Draft = detail, Section = section, Answers = FormAnswers.Of(detail.Form.ToForm()), Errors = errors },
                StatusCodes.Status422UnprocessableEntity);
        return Results.Redirect(added is { } item ? DraftLinks.Section(id, section, item) : DraftLinks.Section(id, section));
    }

    /// <summary>
    /// The draft (GetDraft, audited as a read) and its answers as a page edits them. A save reads it first, to put the
    /// page's answers into the rest of the form; SaveDraft then checks the version the page was showing.
    /// </summary>
    private static async Task<(DraftDetail Draft, FormAnswers Answers)> ReadAsync(IMediator m, Guid id, CancellationToken ct)
    {
        var detail = await m.Send(new GetDraft.Query(id), ct);
        return (detail, FormAnswers.Of(detail.Form.ToForm()));
    }

    /// <summary>Saves the answers as the draft (SaveDraft), or notes why not: a wrong answer, or a change made meanwhile elsewhere.</summary>
    private static async Task<bool> SaveAsync(IMediator m, Guid id, FormAnswers answers, int version, List<PageError> errors, CancellationToken ct)
    {
        if (answers.ToForm(errors) is not { } form) return false;
        try
        {
            await m.Send(new SaveDraft.Command(id, form, version), ct);
            return true;
        }
        catch (ValidationException refused)
        {
            errors.AddRange(Errors(refused));
        }
        catch (RefusedException)
        {
            errors.Add(Changed);
        }
        return false;
    }

    private static void MapDocuments(RouteGroupBuilder draft, AttachmentOptions attachments)
    {
        draft.MapGet("/documents", async (Guid id, IMediator m, AttachmentOptions options, CancellationToken ct) =>
            Page<DocumentsPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct), Accepts = Accepts(options) }));

        draft.MapPost("/documents", async (Guid id, HttpRequest request, IMediator m, AttachmentOptions options, CancellationToken ct) =>
        {
            var file = (await request.ReadFormAsync(ct)).Files.GetFile(AddAttachment.Field);
            try
            {
                await AddAttachment.SendAsync(m, id, file, ct);
                return Results.Redirect($"{DraftLinks.Draft(id)}/documents");
            }
            catch (ValidationException refused)
            {
                var errors = file is null ? [new PageError("file", "Select a document")] : Errors(refused);
                return Page<DocumentsPage>(new { Draft = await m.Send(new GetDraft.Query(id), ct), Accepts = Accepts(options), Errors = errors },
                    StatusCodes.Status422UnprocessableEntity);
            }
        }).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(attachments.MaxRequestBytes));

        draft.MapGet("/documents/{attachmentId:guid}", (Guid id, Guid attachmentId, IMediator m, Data.ReferralsDbContext db, CancellationToken ct) =>
            AttachmentsEndpoints.OpenAsync(new ReadAttachment.Query(id, null, attachmentId), m, db, ct));

        draft.MapPost("/documents/{attachmentId:guid}/remove", async (Guid id, Guid attachmentId, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RemoveAttachment.Command(id, attachmentId), ct);
            return Results.Redirect($"{DraftLinks.Draft(id)}/documents");
        });
    }

    private static string Accepts(AttachmentOptions options) =>
        $"{char.ToUpperInvariant(DocumentTypes.AcceptedInWords[0])}{DocumentTypes.AcceptedInWords[1..]}, smaller than {options.MaxInWords}. " +
        $"A referral can carry up to {options.MaxPerReferral} documents.";
}
