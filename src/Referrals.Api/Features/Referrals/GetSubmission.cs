using System.Text.Json;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

/// <summary>The copy of exactly what was submitted, as accepted: it never changes after submission.</summary>
public static class GetSubmission
{
    public sealed record Query(Guid Id) : IRequest<SubmissionCopy>;

    public sealed record SubmissionCopy(
        Guid Id, string Reference, DateTimeOffset ReceivedAt, AgencySummary Agency, Channel Channel,
        string SubmittedBy, string ReferrerName, ReferralForm Form, IReadOnlyList<AttachmentSummary> Attachments);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Id).NotEmpty();
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AgencyDirectory agencies, AuditTrail audit)
        : IRequestHandler<Query, SubmissionCopy>
    {
        public async Task<SubmissionCopy> Handle(Query query, CancellationToken cancellationToken)
        {
            var copy = await db.Referrals.AsNoTracking().VisibleTo(user)
                .Where(r => r.Id == query.Id)
                .Select(r => new { r.Id, r.Reference, r.ReceivedAt, r.AgencyCode, r.Channel, r.SubmittedByName, r.ReferrerName, r.SubmissionJson })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The referral");
            var attachments = await AttachmentSummary.OfReferralAsync(db, copy.Id, cancellationToken);
            audit.Record(AuditActions.SubmissionRead, copy.Id);
            await save.SaveAsync(cancellationToken);
            return new SubmissionCopy(copy.Id, copy.Reference, copy.ReceivedAt, AgencySummary.Of(copy.AgencyCode, agencies),
                copy.Channel, copy.SubmittedByName, copy.ReferrerName, JsonSerializer.Deserialize<ReferralForm>(copy.SubmissionJson, Json.Options)!,
                attachments);
        }
    }
}
