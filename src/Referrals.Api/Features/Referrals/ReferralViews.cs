using Referrals.Api.Features.Attachments;
using System.Text.Json;
using Referrals.Api.Features.ReferenceData;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Referrals;

[Seam]
public sealed record AgencySummary(string Code, string Name, string ReferralSourceCode)
{
    public static AgencySummary Of(string code, AgencyDirectory agencies)
    {
        var agency = agencies.Find(code);
        // An agency removed from configuration after it referred still shows by its code.
        return agency is null
            ? new AgencySummary(code, code, ReferralSource.Unknown.Value)
            : new AgencySummary(code, agency.Name, ReferralSource.For(agency.Type).Value);
    }
}

public sealed record ContactSummary(Guid Id, int Position, string FirstName, string LastName, DateOnly? DateOfBirth, int? EstimatedAgeYears, DateOnly? ExpectedDueDate, Answer SafeNow);

public sealed record Withdrawal(DateTimeOffset At, string Reason);

public sealed record InformationRequestView(Guid Id, string Questions, string AskedBy, DateTimeOffset AskedAt, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);

/// <param name="DecisionOverdue">Still waiting for its decision after the one-working-day timescale.</param>
/// <param name="RagOverdue">Still waiting for its decision after its RAG rating's target time.</param>
/// <param name="LinkedTo">For a duplicate, the referral it was linked to.</param>
public sealed record TriageView(
    Assignee? AssignedTo, bool DecisionOverdue, RagView? Rag, bool RagOverdue, IReadOnlyList<RagView> RagHistory,
    IReadOnlyList<CheckView> Checks, IReadOnlyList<ChildTriage> Children, Guid? LinkedTo, IReadOnlyList<TransitionView> History);

public sealed record Assignee(string UserId, string Name, DateTimeOffset At);

public sealed record RagView(RagRating Rating, string Reason, string RatedBy, DateTimeOffset RatedAt, DateTimeOffset DueAt);

public sealed record CheckView(Guid Id, string Agency, string Shared, DateTimeOffset SharedAt, string RecordedBy, DateTimeOffset RecordedAt);

/// <param name="Decision">The decision that stands (awaiting sign-off or final).</param>
/// <param name="Overridden">Decisions a manager overrode, kept on the record.</param>
/// <param name="Known">Earlier referrals for the same child.</param>
/// <param name="Allocation">Who the case is allocated to once the child was accepted for an assessment or a strategy discussion.</param>
public sealed record ChildTriage(Guid ContactId, string Name, DecisionView? Decision, IReadOnlyList<DecisionView> Overridden, KnownChild Known,
    AllocationView? Allocation);

public sealed record AllocationView(string Team, string Worker, DateTimeOffset At);

public sealed record DecisionView(
    Guid Id, DecisionOutcome Outcome, int ThresholdLevel, string Rationale, string FeedbackToReferrer, string? OtherSupport,
    QualityRating QualityRating, IReadOnlyList<QualityReason> QualityReasons, string? PrimaryNeed, string? Team,
    string DecidedBy, string DecidedByRole, DateTimeOffset DecidedAt, DecisionState State, SignOffView? SignOff, Guid? Overrides);

public sealed record SignOffView(string By, DateTimeOffset At, string? Comment);

/// <param name="ReReferral">Referred within the 12 months before this referral (withdrawn referrals and duplicates aside).</param>
public sealed record KnownChild(bool ReReferral, IReadOnlyList<EarlierReferral> EarlierReferrals);

/// <param name="MatchedOn">nhs-number, or name-and-date-of-birth.</param>
public sealed record EarlierReferral(
    Guid ReferralId, string Reference, DateTimeOffset ReceivedAt, AgencySummary Agency, ReferralStatus Status,
    DecisionOutcome? Outcome, DateTimeOffset? DecidedAt, string MatchedOn);

public sealed record TransitionView(ReferralStatus? From, ReferralStatus To, string By, string ByRole, DateTimeOffset At, string? Reason);

/// <summary>Builds a referral's detail for whoever is asking: the triage section only for the First Contact Team.</summary>
public sealed class ReferralDetails(ReferralsDbContext db, CurrentUser user, AgencyDirectory agencies, TimeProvider clock)
{
    public async Task<GetReferral.ReferralDetail> For(Referral r, CancellationToken cancellationToken) => new(
        r.Id, r.Reference, r.Status, AgencySummary.Of(r.AgencyCode, agencies), r.Channel, r.ReceivedAt, r.DecisionDueAt,
        r.ReferrerName, r.SubmittedByName, r.SubmittedByRole, r.LevelOfNeed, r.Risk, r.AnyChildNotSafeNow, r.ConsentToBeSought, r.AboutABaby == true,
        r.Contacts.OrderBy(c => c.Position).Select(ReferralMapping.Summary).ToList(),
        JsonSerializer.Deserialize<QualityRubric.Assessment>(r.QualityJson, Json.Options)!,
        r.WithdrawnAt is { } at ? new Withdrawal(at, r.WithdrawalReason!) : null,
        r.InformationRequests.OrderBy(q => q.AskedAt).ThenBy(q => q.Id)
            .Select(q => new InformationRequestView(q.Id, q.Questions, q.AskedByName, q.AskedAt, q.Answer, q.AnsweredByName, q.AnsweredAt)).ToList(),
        user.IsFirstContactTeam ? await Triage(r, cancellationToken) : null,
        r.Version,
        await AttachmentSummary.OfReferralAsync(db, r.Id, cancellationToken));

    private async Task<TriageView> Triage(Referral r, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = await EarlierReferrals(r, cancellationToken);
        var ratings = r.RagRatings.OrderBy(x => x.RatedAt).ThenBy(x => x.Id).Select(x => new RagView(x.Rating, x.Reason, x.RatedByName, x.RatedAt, x.DueAt)).ToList();
        return new TriageView(
            r.AssignedToUserId is null ? null : new Assignee(r.AssignedToUserId, r.AssignedToName!, r.AssignedAt!.Value),
            r.IsDecisionOverdue(now), ratings.LastOrDefault(), r.IsRagOverdue(now), ratings,
            r.Checks.OrderBy(c => c.SharedAt).ThenBy(c => c.Id).Select(c => new CheckView(c.Id, c.Agency, c.Shared, c.SharedAt, c.RecordedByName, c.RecordedAt)).ToList(),
            r.Contacts.OrderBy(c => c.Position).Select(c => new ChildTriage(
                c.Id, Contact.NameOf(c.FirstName, c.LastName),
                r.CurrentDecision(c.Id) is { } current ? View(current) : null,
                r.Decisions.Where(d => d.ContactId == c.Id && !d.IsCurrent).OrderBy(d => d.DecidedAt).Select(View).ToList(),
                known[c.Id],
                c.AllocatedAt is { } allocatedAt ? new AllocationView(c.AllocatedTeam!, c.AllocatedWorker!, allocatedAt) : null)).ToList(),
            r.LinkedToReferralId,
            r.Transitions.OrderBy(t => t.Sequence).Select(t => new TransitionView(t.From, t.To, t.ByName, t.ByRole, t.At, t.Reason)).ToList());
    }

    private static DecisionView View(ChildDecision d) => new(
        d.Id, d.Outcome, d.ThresholdLevel, d.Rationale, d.FeedbackToReferrer, d.OtherSupport, d.QualityRating, d.Reasons, d.PrimaryNeed, d.Team,
        d.DecidedByName, d.DecidedByRole, d.DecidedAt, d.State,
        d.SignedOffAt is { } at ? new SignOffView(d.SignedOffByName!, at, d.SignOffComment) : null, d.OverridesDecisionId);

    /// <summary>Earlier referrals for each child on this one, matched on NHS number or on normalised name and date of birth.</summary>
    private async Task<Dictionary<Guid, KnownChild>> EarlierReferrals(Referral referral, CancellationToken cancellationToken)
    {
        var candidates = await db.Contacts.AsNoTracking().MayBeTheSameChildrenAs(referral)
            .Join(db.Referrals.Where(r => r.ReceivedAt < referral.ReceivedAt), c => c.ReferralId, r => r.Id, (c, r) => new
            {
                ContactId = c.Id, c.NhsNumber, c.NormalisedName, c.DateOfBirth,
                ReferralId = r.Id, r.Reference, r.ReceivedAt, r.AgencyCode, r.Status,
            })
            .ToListAsync(cancellationToken);
        var contactIds = candidates.Select(c => c.ContactId).ToList();
        var decisions = await db.ChildDecisions.AsNoTracking()
            .Where(d => contactIds.Contains(d.ContactId) && d.State != DecisionState.Overridden)
            .Select(d => new { d.ContactId, d.Outcome, d.DecidedAt })
            .ToDictionaryAsync(d => d.ContactId, cancellationToken);

        return referral.Contacts.ToDictionary(c => c.Id, child =>
        {
            var self = KnownChildren.Child.Of(child);
            var earlier = candidates
                .Select(e => (Earlier: e, MatchedOn: KnownChildren.MatchedOn(self, new KnownChildren.Child(e.NhsNumber, e.NormalisedName, e.DateOfBirth))))
                .Where(x => x.MatchedOn is not null)
                .OrderByDescending(x => x.Earlier.ReceivedAt)
                .Select(x =>
                {
                    var decision = decisions.GetValueOrDefault(x.Earlier.ContactId);
                    return new EarlierReferral(x.Earlier.ReferralId, x.Earlier.Reference, x.Earlier.ReceivedAt, AgencySummary.Of(x.Earlier.AgencyCode, agencies),
                        x.Earlier.Status, decision?.Outcome, decision?.DecidedAt, x.MatchedOn!);
                })
                .ToList();
            return new KnownChild(earlier.Any(e => KnownChildren.IsReReferral(referral.ReceivedAt, e.ReceivedAt, e.Status)), earlier);
        });
    }
}
