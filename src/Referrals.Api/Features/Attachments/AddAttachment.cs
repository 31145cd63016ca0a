using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;

namespace Referrals.Api.Features.Attachments;

/// <summary>
/// A referrer attaches a document to their draft: an early help assessment, a chronology, a photograph of an injury
/// map. It is checked by its bytes (DocumentTypes), and refused, naming the file field, when it is empty, too big,
/// of a kind the council does not take, or one more than a referral may carry.
/// </summary>
public static class AddAttachment
{
    public const string Field = "file";

    /// <param name="Content">The document, readable from its start; the caller disposes of it.</param>
    public sealed record Command(Guid DraftId, string? FileName, long Bytes, Stream Content) : IRequest<AttachmentSummary>;

    /// <summary>Adds the file a form posted (the API's upload and the documents page); none is refused as an empty one.</summary>
    public static async Task<AttachmentSummary> SendAsync(IMediator mediator, Guid draftId, IFormFile? file, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        return await mediator.Send(new Command(draftId, file?.FileName, file?.Length ?? 0, content), ct);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AttachmentOptions options)
        {
            RuleFor(c => c.DraftId).NotEmpty();
            RuleFor(c => c.Bytes).GreaterThan(0).WithMessage("The selected file is empty.").OverridePropertyName(Field)
                .LessThanOrEqualTo(options.MaxBytes).WithMessage($"The selected file must be smaller than {options.MaxInWords}.");
        }
    }

    public sealed class Handler(
        ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock, AttachmentOptions options,
        DraftOptions drafts) : IRequestHandler<Command, AttachmentSummary>
    {
        public async Task<AttachmentSummary> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var draft = await db.OwnDraftAsync(command.DraftId, user, now, cancellationToken);
            // The type is read from the bytes (a Word document's from its package), which needs a stream that can go
            // back to its start. An upload read as a form is one already (ASP.NET Core buffers it, to disk past 64 KB);
            // anything else is first copied to a file of our own, so an upload is never held whole in memory.
            await using var own = command.Content.CanSeek ? null : await CopyToFileAsync(command.Content, cancellationToken);
            var copy = own ?? command.Content;
            copy.Position = 0;
            if (copy.Length == 0) throw Refused("The selected file is empty.");
            if (copy.Length > options.MaxBytes) throw Refused($"The selected file must be smaller than {options.MaxInWords}.");
            var type = DocumentTypes.Detect(copy) ?? throw Refused($"The selected file must be {DocumentTypes.AcceptedInWords}.");

            var attachment = await db.InTransactionAsync(async cancellation =>
            {
                var held = await db.Attachments.CountAsync(a => a.DraftId == draft.Id, cancellation);
                if (held >= options.MaxPerReferral)
                    throw Refused($"A referral can carry at most {options.MaxPerReferral} documents. Remove one to add another.");
                var id = Guid.CreateVersion7();
                var (bytes, sha256, chunks) = await AttachmentStore.WriteAsync(db, id, copy, options.ChunkBytes, cancellation);
                var added = new Attachment
                {
                    Id = id, DraftId = draft.Id, AddedByUserId = user.Id, AgencyCode = user.AgencyCode,
                    FileName = DocumentTypes.FileName(command.FileName, type), MediaType = type.MediaType, Bytes = bytes, Sha256 = sha256,
                    Chunks = chunks, AddedAt = now,
                };
                db.Attachments.Add(added);
                // Adding a document is work on the draft: it is kept as long as from any other save.
                draft.SavedAt = now;
                draft.ExpiresAt = now + TimeSpan.FromDays(drafts.KeepDays);
                audit.RecordAbout(AuditActions.AttachmentAdded, id);
                await save.SaveAsync(cancellation);
                return added;
            }, cancellationToken);
            return AttachmentSummary.Of(attachment);
        }

        private static async Task<FileStream> CopyToFileAsync(Stream content, CancellationToken cancellationToken)
        {
            var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(file, cancellationToken);
            return file;
        }

        private static InvalidFieldsException Refused(string message) =>
            new(ProblemTypes.InvalidRequest, [new ValidationFailure(Field, message)]);
    }
}
