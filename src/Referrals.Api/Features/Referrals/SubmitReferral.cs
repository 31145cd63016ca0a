using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;
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

/// <summary>
/// A partner submits the standardised form, or the First Contact Team records one received by
/// phone, e-mail or in person. The referral, its reference number, its idempotency record and its
/// audit entry commit in one transaction: a 201 means all of it is durable.
/// </summary>
/// <remarks>A seam: a draft is submitted through it (SubmitDraft).</remarks>
[Seam]
public static class SubmitReferral
{
    /// <param name="DraftId">The draft this form was written in, if any (SubmitDraft): it is deleted, and its documents
    /// become the referral's, in the same transaction as the referral is stored.</param>
    public sealed record Command(ReferralForm Form, string? IdempotencyKey, Guid? DraftId = null) : IRequest<Result>;

    public sealed record Result(Acknowledgement Acknowledgement, bool Replayed);

    public sealed record Acknowledgement(
        Guid Id, string Reference, ReferralStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset DecisionDueAt,
        Channel Channel, AgencySummary Agency, IReadOnlyList<ContactSummary> Contacts, QualityRubric.Assessment Quality);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ReferralFormValidator form)
        {
            RuleFor(c => c.IdempotencyKey).MaximumLength(FieldLimits.IdempotencyKey)
                .Matches("^[\\x21-\\x7E]+$").When(c => c.IdempotencyKey is not null)
                .OverridePropertyName("Idempotency-Key")
                .WithMessage($"An Idempotency-Key is 1 to {FieldLimits.IdempotencyKey} visible ASCII characters, e.g. a UUID.");
            // The form's own rules, reported under the form's JSON paths (children[1].nhsNumber).
            RuleFor(c => c.Form).ReportedAs(form, prefix: "");
        }
    }

    public sealed class Handler(
        ReferralsDbContext db, UnitOfWork save, CurrentUser user, AgencyDirectory agencies, AuditTrail audit,
        TimeProvider clock, WorkingDayCalendar calendar, ServiceMetrics metrics) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var form = command.Form;
            var submissionJson = JsonSerializer.Serialize(form, Json.Options);
            var requestHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(submissionJson)));

            if (command.IdempotencyKey is { } key && await ReplayAsync(key, requestHash, cancellationToken) is { } earlier)
                return earlier;

            var channel = user.IsReferrer ? Channel.ElectronicForm : form.Channel!.Value;
            var agencyCode = user.IsReferrer ? user.AgencyCode! : form.AgencyCode!;
            var referrerName = user.IsReferrer ? user.Name
                : ChildIdentifiers.IsKnown(form.Referrer?.Name) ? form.Referrer!.Name!.Trim() : "Anonymous";
            // Microsecond precision: what PostgreSQL keeps, so a replay answers exactly as the first response did.
            var now = clock.GetUtcNow();
            var receivedAt = now.AddTicks(-(now.Ticks % 10));
            var quality = QualityRubric.Assess(form, LondonTime.DayOf(receivedAt));

            // Numbered as it is saved, in the unit of work's one transaction (ReferenceNumbers), which begins as late as it can:
            // every other submission waits for the year's counter row (PostgreSQL) or SQLite's one writer.
            var submission = new Submission(form, submissionJson, quality, JsonSerializer.Serialize(quality, Json.Options),
                agencyCode, channel, user.Actor, referrerName);
            var referral = Referral.Submit(Guid.CreateVersion7(), submission, receivedAt, calendar.DecisionDue(receivedAt));
            db.Referrals.Add(referral);
            if (command.IdempotencyKey is { } newKey)
                db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = user.Id, Key = newKey, RequestHash = requestHash, ReferralId = referral.Id, CreatedAt = receivedAt });
            audit.Record(AuditActions.Submitted, referral.Id);
            if (command.DraftId is { } draftId) await TakeDraftAsync(draftId, referral.Id, cancellationToken);
            try
            {
                await save.SaveAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (command.IdempotencyKey is not null && Database.IsUniqueViolation(e))
            {
                // Another request with the same key committed first (this one's transaction is rolled back): answer as it did.
                db.ChangeTracker.Clear();
                return await ReplayAsync(command.IdempotencyKey, requestHash, cancellationToken)
                    ?? throw new InvalidOperationException("Idempotency record vanished after a unique violation.");
            }
            // Validated as an active agency, so found; counted by its type, never by who sent it.
            metrics.Submitted(channel, agencies.Find(agencyCode)!.Type);
            return new Result(Acknowledge(referral, agencies), Replayed: false);
        }

        private async Task TakeDraftAsync(Guid draftId, Guid referralId, CancellationToken cancellationToken)
        {
            var draft = await db.Drafts.FindAsync([draftId], cancellationToken);
            if (draft is null || draft.OwnerId != user.Id) throw new NotFoundException("The draft");
            db.Drafts.Remove(draft);
            foreach (var attachment in await db.Attachments.Where(a => a.DraftId == draftId).ToListAsync(cancellationToken))
            {
                attachment.DraftId = null;
                attachment.ReferralId = referralId;
            }
            audit.RecordAbout(AuditActions.DraftSubmitted, draftId, referralId);
        }

        // Compiled once: every submission with a key looks for an earlier answer to it.
        private static readonly CompiledPerEngine<Func<ReferralsDbContext, string, string, CancellationToken, Task<IdempotencyRecord?>>> EarlierRecord =
            new(() => EF.CompileAsyncQuery((ReferralsDbContext db, string userId, string key, CancellationToken cancellationToken) =>
                db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefault(r => r.UserId == userId && r.Key == key)));

        private async Task<Result?> ReplayAsync(string key, string requestHash, CancellationToken cancellationToken) =>
            await ReplayAsync(db, agencies, user.Id, key, requestHash, cancellationToken);

        /// <summary>The answer given to the user's earlier submission with this key, if there was one (a hash other than its body's is refused).</summary>
        public static async Task<Result?> ReplayAsync(ReferralsDbContext db, AgencyDirectory agencies, string userId, string key, string? requestHash,
            CancellationToken cancellationToken)
        {
            var record = await EarlierRecord.For(db)(db, userId, key, cancellationToken);
            if (record is null) return null;
            if (requestHash is not null && record.RequestHash != requestHash)
                throw new RefusedException(ProblemTypes.IdempotencyKeyReused);
            var referral = await db.Referrals.AsNoTracking().Include(r => r.Contacts)
                .SingleAsync(r => r.Id == record.ReferralId, cancellationToken);
            return new Result(Acknowledge(referral, agencies), Replayed: true);
        }
    }

    public static Acknowledgement Acknowledge(Referral referral, AgencyDirectory agencies) => new(
        referral.Id, referral.Reference, referral.Status, referral.ReceivedAt, referral.DecisionDueAt, referral.Channel,
        AgencySummary.Of(referral.AgencyCode, agencies),
        referral.Contacts.OrderBy(c => c.Position).Select(ReferralMapping.Summary).ToList(),
        referral.SubmittedQuality ?? JsonSerializer.Deserialize<QualityRubric.Assessment>(referral.QualityJson, Json.Options)!);
}

public static class ReferralMapping
{
    public static ContactSummary Summary(Contact c) =>
        new(c.Id, c.Position, c.FirstName, c.LastName, c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate, c.SafeNow);
}
