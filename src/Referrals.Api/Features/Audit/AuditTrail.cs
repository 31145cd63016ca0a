using System.Diagnostics;
using Referrals.Api.Auth;
using Referrals.Api.Data;
using Microsoft.AspNetCore.Http;

using Referrals.Api.Common;

namespace Referrals.Api.Features.Audit;

/// <summary>
/// Records every read and write of a referral, attributed to the signed-in user. Entries join the
/// same save (UnitOfWork) as the change they describe, so a write and its audit commit together.
/// </summary>
[Seam]
public sealed class AuditTrail(ReferralsDbContext db, CurrentUser user, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(string action, Guid referralId) => Add(action, referralId, null);

    /// <summary>An action about something other than a referral (a webhook subscription, a draft), or about a part of one.</summary>
    public void RecordAbout(string action, Guid subjectId, Guid? referralId = null) => Add(action, referralId, subjectId);

    /// <summary>What the service did by itself, with no user (a draft deleted at its expiry): attributed to the service.</summary>
    public static void RecordByTheService(ReferralsDbContext db, string action, IEnumerable<Guid> subjects, DateTimeOffset at, string reason) =>
        db.AuditEntries.AddRange(subjects.Select(subject => new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = at, UserId = "service", UserName = "Referrals service", Role = "service",
            Action = action, SubjectId = subject, CorrelationId = reason,
        }));

    private void Add(string action, Guid? referralId, Guid? subjectId) =>
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = clock.GetUtcNow(),
            UserId = user.Id,
            UserName = user.Name,
            Role = user.Role,
            AgencyCode = user.AgencyCode,
            Action = action,
            ReferralId = referralId,
            SubjectId = subjectId,
            CorrelationId = Activity.Current?.Id ?? http.HttpContext?.TraceIdentifier ?? "",
        });
}

[Seam]
public static class AuditActions
{
    public const string Submitted = "referral.submitted";
    public const string Read = "referral.read";
    public const string Listed = "referral.listed";
    public const string SubmissionRead = "submission.read";
    public const string Withdrawn = "referral.withdrawn";
    public const string Assigned = "triage.assigned";
    public const string InformationRequested = "triage.information-requested";
    public const string InformationAnswered = "triage.information-answered";
    public const string RagRated = "triage.rag-rated";
    public const string CheckRecorded = "triage.check-recorded";
    public const string DecisionRecorded = "triage.decision-recorded";
    public const string DecisionSignedOff = "triage.decision-signed-off";
    public const string Linked = "triage.linked-as-duplicate";
    public const string Closed = "triage.closed";
    public const string Allocated = "triage.allocated";
    public const string Queued = "triage.queue-listed";
    public const string OutcomeRead = "feedback.outcome-read";
    public const string FeedbackStatusRead = "feedback.status-read";
    public const string ContactsExported = "export.contacts-list";
    public const string ReferralsExported = "export.referrals-list";
    public const string AuditTrailRead = "audit.trail-read";
    public const string SubscriptionCreated = "webhook.subscription-created";
    public const string SubscriptionRemoved = "webhook.subscription-removed";
    public const string DraftStarted = "draft.started";
    public const string DraftRead = "draft.read";
    public const string DraftListed = "draft.listed";
    public const string DraftSaved = "draft.saved";
    public const string DraftDeleted = "draft.deleted";
    public const string DraftSubmitted = "draft.submitted";
    public const string DraftExpired = "draft.expired";
    public const string AttachmentAdded = "attachment.added";
    public const string AttachmentRead = "attachment.read";
    public const string AttachmentRemoved = "attachment.removed";
}
