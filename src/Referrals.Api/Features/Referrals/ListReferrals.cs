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
using Referrals.Api.OpenApi;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// Referrals newest first, a page at a time. Referrers list their agency's; the First Contact Team
/// lists all. Every referral shown is audited as read, since the list shows the children's names.
/// </summary>
public static class ListReferrals
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    private static readonly DateOnly EarliestDay = new(2000, 1, 1);
    private static readonly DateOnly LatestDay = new(2100, 12, 31);

    /// <param name="Status">A referral status word, e.g. "submitted".</param>
    /// <param name="From">Received on or after this day (London).</param>
    /// <param name="To">Received on or before this day (London).</param>
    /// <param name="ChildName">Part of a child's name, any case.</param>
    /// <param name="Cursor">From the previous page's nextCursor.</param>
    /// <param name="Limit">Page size, 1 to 100 (default 25).</param>
    public sealed record Query([WordsOf(typeof(ReferralStatus))] string? Status, DateOnly? From, DateOnly? To, string? ChildName, string? Cursor, int? Limit) : IRequest<Page>;

    public sealed record Item(
        Guid Id, string Reference, ReferralStatus Status, AgencySummary Agency, Channel Channel,
        DateTimeOffset ReceivedAt, DateTimeOffset DecisionDueAt, bool AnyChildNotSafeNow, int QualityScore,
        IReadOnlyList<string> Children);

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => EnumWords.TryParse<ReferralStatus>(s, out _)).When(q => q.Status is not null)
                .WithMessage($"Not a referral status; use one of: {string.Join(", ", Enum.GetValues<ReferralStatus>().Select(EnumWords.Of))}.");
            RuleFor(q => q.From).InclusiveBetween(EarliestDay, LatestDay).WithMessage("Give a date between 2000 and 2100.");
            RuleFor(q => q.To).InclusiveBetween(EarliestDay, LatestDay).WithMessage("Give a date between 2000 and 2100.");
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("'to' must not be before 'from'.");
            RuleFor(q => q.ChildName).MaximumLength(FieldLimits.Name * 2 + 1);
            RuleFor(q => q.Cursor).Must(c => DecodeCursor(c) is not null).When(q => q.Cursor is not null)
                .WithMessage("Not a cursor from this list; start again without one.");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        }
    }

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AgencyDirectory agencies, AuditTrail audit)
        : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var referrals = db.Referrals.AsNoTracking().VisibleTo(user);
            if (query.Status is not null && EnumWords.TryParse<ReferralStatus>(query.Status, out var status))
                referrals = referrals.Where(r => r.Status == status);
            if (query.From is { } from)
            {
                var start = LondonTime.StartOf(from);
                referrals = referrals.Where(r => r.ReceivedAt >= start);
            }
            if (query.To is { } to)
            {
                var end = LondonTime.StartOf(to.AddDays(1));
                referrals = referrals.Where(r => r.ReceivedAt < end);
            }
            if (!string.IsNullOrWhiteSpace(query.ChildName))
            {
                var name = ChildIdentifiers.NormaliseName(query.ChildName, "");
                referrals = referrals.Where(r => r.Contacts.Any(c => c.NormalisedName.Contains(name)));
            }
            // References are fixed-width and issued in order, so they page newest first without ties.
            if (DecodeCursor(query.Cursor) is { } after)
                referrals = referrals.Where(r => string.Compare(r.Reference, after) < 0);

            var limit = query.Limit ?? DefaultLimit;
            var rows = await referrals.OrderByDescending(r => r.Reference).Take(limit + 1)
                .Select(r => new
                {
                    r.Id, r.Reference, r.Status, r.AgencyCode, r.Channel, r.ReceivedAt, r.DecisionDueAt, r.AnyChildNotSafeNow, r.QualityScore,
                    Children = r.Contacts.OrderBy(c => c.Position).Select(c => new { c.FirstName, c.LastName }).ToList(),
                })
                .ToListAsync(cancellationToken);
            var page = rows.Take(limit).ToList();
            foreach (var row in page) audit.Record(AuditActions.Listed, row.Id);
            await save.SaveAsync(cancellationToken);

            var items = page.Select(r => new Item(r.Id, r.Reference, r.Status, AgencySummary.Of(r.AgencyCode, agencies), r.Channel,
                r.ReceivedAt, r.DecisionDueAt, r.AnyChildNotSafeNow, r.QualityScore,
                r.Children.Select(c => Contact.NameOf(c.FirstName, c.LastName)).ToList())).ToList();
            return new Page(items, rows.Count > limit ? EncodeCursor(page[^1].Reference) : null);
        }
    }

    private static string EncodeCursor(string reference) => Cursors.Encode(reference);

    private static string? DecodeCursor(string? cursor) =>
        Cursors.Decode(cursor, maxLength: 64) is { } reference && Cursors.Reference().IsMatch(reference) ? reference : null;
}
