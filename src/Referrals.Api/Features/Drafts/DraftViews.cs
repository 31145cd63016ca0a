using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;
using Referrals.Api.Features.Attachments;

namespace Referrals.Api.Features.Drafts;

/// <summary>What must change before a draft can be submitted: the field, by its JSON path, and what to do.</summary>
public sealed record ToSubmit(string Field, string Message);

/// <param name="ExpiresSoon">Whether it will be deleted within the days of warning the council sets, unless saved.</param>
/// <param name="Quality">The score it would get if submitted now, and what would raise it.</param>
/// <param name="ToSubmit">What must be added or put right before it can be submitted; empty when it is ready.</param>
public sealed record DraftDetail(
    Guid Id, DateTimeOffset StartedAt, DateTimeOffset SavedAt, DateTimeOffset ExpiresAt, bool ExpiresSoon, int Version,
    DraftForm Form, IReadOnlyList<AttachmentSummary> Attachments, QualityRubric.Assessment Quality, IReadOnlyList<ToSubmit> ToSubmit);

/// <summary>The views of a draft its author is given, with the checks a submission would make.</summary>
public sealed class DraftViews(ReferralsDbContext db, TimeProvider clock, DraftOptions options)
{
    public async Task<DraftDetail> DetailAsync(Draft draft, IValidator<ReferralForm> submission, CancellationToken cancellationToken)
    {
        var attachments = await AttachmentSummary.OfDraftAsync(db, draft.Id, cancellationToken);
        var form = draft.Form;
        var now = clock.GetUtcNow();
        var problems = (await submission.ValidateAsync(form, cancellationToken)).Errors
            .Select(e => new ToSubmit(ProblemExceptionHandler.FieldPath(e.PropertyName), e.ErrorMessage)).ToList();
        return new DraftDetail(draft.Id, draft.StartedAt, draft.SavedAt, draft.ExpiresAt, options.ExpiresSoon(draft.ExpiresAt, now),
            draft.Version, DraftForm.Of(form), attachments, QualityRubric.Assess(form, LondonTime.DayOf(now)), problems);
    }
}
