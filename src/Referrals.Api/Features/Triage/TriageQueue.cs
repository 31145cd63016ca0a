using System.Globalization;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Features.Referrals;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Referrals.Api.OpenApi;

namespace Referrals.Api.Features.Triage;

/// <summary>
/// The First Contact Team's queue: a referral with a child not safe now first, then red, amber,
/// green and unrated, each with referrals about a baby (unborn or under one) first, then by when the
/// decision is due (oldest first), overdue ones marked.
/// Pages by the same order, so a page boundary never skips or repeats a referral.
/// </summary>
public static class TriageQueue
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <param name="State">One state (e.g. "awaiting-sign-off"); by default every state still with the front door.</param>
    /// <param name="Rag">red, amber, green, or unrated.</param>
    /// <param name="AssignedToMe">Only referrals assigned to the caller.</param>
    /// <param name="Overdue">Only referrals past their decision time or their RAG target.</param>
    /// <param name="Cursor">From the previous page's nextCursor.</param>
    /// <param name="Limit">Page size, 1 to 100 (default 25).</param>
    public sealed record Query(
        [WordsOf(typeof(ReferralStatus))] string? State, [WordsOf(typeof(RagRating), Unrated)] string? Rag,
        bool? AssignedToMe, bool? Overdue, string? Cursor, int? Limit) : IRequest<Page>;

    public sealed record Item(
        Guid Id, string Reference, ReferralStatus Status, AgencySummary Agency, Channel Channel, DateTimeOffset ReceivedAt,
        DateTimeOffset DecisionDueAt, bool DecisionOverdue, bool AnyChildNotSafeNow, RagRating? Rag, DateTimeOffset? RagDueAt, bool RagOverdue,
        string? AssignedTo, int QualityScore, IReadOnlyList<string> Children, bool ConsentToBeSought, bool AboutABaby);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    public const string Unrated = "unrated";

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.State).Must(s => EnumWords.TryParse<ReferralStatus>(s, out _)).When(q => q.State is not null)
                .WithMessage($"Not a referral state; use one of: {string.Join(", ", Enum.GetValues<ReferralStatus>().Select(EnumWords.Of))}.");
            RuleFor(q => q.Rag).Must(r => r == Unrated || EnumWords.TryParse<RagRating>(r, out _)).When(q => q.Rag is not null)
                .WithMessage("Use red, amber, green or unrated.");
            RuleFor(q => q.Cursor).Must(c => Position.Decode(c) is not null).When(q => q.Cursor is not null)
                .WithMessage("Not a cursor from this queue; start again without one.");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        }
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AgencyDirectory agencies, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var states = query.State is not null && EnumWords.TryParse<ReferralStatus>(query.State, out var state) ? [state] : ReferralLifecycle.Open.ToList();
            var awaiting = ReferralLifecycle.AwaitingDecision.ToList();
            var referrals = db.Referrals.AsNoTracking().Where(r => states.Contains(r.Status));
            if (query.Rag == Unrated) referrals = referrals.Where(r => r.Rag == null);
            else if (EnumWords.TryParse<RagRating>(query.Rag, out var rag)) referrals = referrals.Where(r => r.Rag == rag);
            if (query.AssignedToMe == true) referrals = referrals.Where(r => r.AssignedToUserId == user.Id);
            if (query.Overdue == true)
                referrals = referrals.Where(r => awaiting.Contains(r.Status) && (r.DecisionDueAt < now || (r.RagDueAt != null && r.RagDueAt < now)));
            if (Position.Decode(query.Cursor) is { } after)
                referrals = referrals.Where(r => r.QueuePriority > after.Priority
                    || (r.QueuePriority == after.Priority && (r.DecisionDueAt > after.DueAt
                        || (r.DecisionDueAt == after.DueAt && string.Compare(r.Reference, after.Reference) > 0))));

            var limit = query.Limit ?? DefaultLimit;
            var rows = await referrals.OrderBy(r => r.QueuePriority).ThenBy(r => r.DecisionDueAt).ThenBy(r => r.Reference).Take(limit + 1)
                .Select(r => new
                {
                    r.Id, r.Reference, r.Status, r.AgencyCode, r.Channel, r.ReceivedAt, r.DecisionDueAt, r.AnyChildNotSafeNow,
                    r.Rag, r.RagDueAt, r.AssignedToName, r.QualityScore, r.QueuePriority, r.ConsentToBeSought, r.AboutABaby,
                    Children = r.Contacts.OrderBy(c => c.Position).Select(c => new { c.FirstName, c.LastName }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var page = rows.Take(limit).ToList();
            // The queue shows children's names, so each referral on it counts as read.
            foreach (var row in page) audit.Record(AuditActions.Queued, row.Id);
            await save.SaveAsync(cancellationToken);

            var items = page.Select(r => new Item(r.Id, r.Reference, r.Status, AgencySummary.Of(r.AgencyCode, agencies), r.Channel, r.ReceivedAt,
                    r.DecisionDueAt, Referral.IsOverdue(r.Status, r.DecisionDueAt, now), r.AnyChildNotSafeNow, r.Rag, r.RagDueAt,
                    Referral.IsOverdue(r.Status, r.RagDueAt, now), r.AssignedToName, r.QualityScore,
                    r.Children.Select(c => Contact.NameOf(c.FirstName, c.LastName)).ToList(), r.ConsentToBeSought, r.AboutABaby == true)).ToList();
            var last = page.LastOrDefault();
            return new Page(items, rows.Count > limit && last is not null ? new Position(last.QueuePriority, last.DecisionDueAt, last.Reference).Encode() : null);
        }
    }

    /// <summary>Where a page ended, in the queue's order.</summary>
    private sealed record Position(int Priority, DateTimeOffset DueAt, string Reference)
    {
        public string Encode() => Cursors.Encode($"{Priority}|{DueAt.UtcTicks}|{Reference}");

        public static Position? Decode(string? cursor)
        {
            var parts = Cursors.Decode(cursor, maxLength: 120)?.Split('|');
            if (parts is not { Length: 3 }
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !Cursors.Reference().IsMatch(parts[2]))
                return null;
            return new Position(priority, new DateTimeOffset(ticks, TimeSpan.Zero), parts[2]);
        }
    }
}
