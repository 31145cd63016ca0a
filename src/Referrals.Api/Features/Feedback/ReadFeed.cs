using Referrals.Api.Features.Referrals;
using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;

namespace Referrals.Api.Features.Feedback;

/// <summary>
/// A referring agency's own events in order, for its systems to poll. Resumable: pass the last
/// nextCursor as after, and no event is missed or repeated (an agency's events are numbered in commit order).
/// </summary>
public static class ReadFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <param name="After">A nextCursor from an earlier page; leave out to start from the agency's first event.</param>
    /// <param name="Limit">Page size, 1 to 500 (default 100).</param>
    public sealed record Query(string? After, int? Limit) : IRequest<FeedPage>;

    /// <param name="NextCursor">Pass as after for the events that follow (the same cursor when there are none yet).</param>
    /// <param name="More">Whether more events follow already.</param>
    public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, string NextCursor, bool More);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.After).Must(c => Position(c) is not null).When(q => q.After is not null)
                .WithMessage("Not a cursor from this feed; start again without one.");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        }
    }

    public static long? Position(string? cursor) =>
        Cursors.Decode(cursor, 64) is { } text && text.StartsWith("feed:", StringComparison.Ordinal)
            && long.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;

    public static string Cursor(long sequence) => Cursors.Encode($"feed:{sequence.ToString(CultureInfo.InvariantCulture)}");

    public sealed class Handler(ReferralsDbContext db, CurrentUser user) : IRequestHandler<Query, FeedPage>
    {
        public async Task<FeedPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var agency = user.AgencyCode ?? throw TriageRules.Forbidden("The feed is for a referring agency's own systems.");
            var after = Position(query.After) ?? 0;
            var limit = query.Limit ?? DefaultLimit;
            var events = await db.FeedbackEvents.AsNoTracking()
                .Where(e => e.AgencyCode == agency && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(limit + 1)
                .ToListAsync(cancellationToken);
            var page = events.Take(limit).Select(FeedEvent.Of).ToList();
            return new FeedPage(page, Cursor(page.Count > 0 ? page[^1].Sequence : after), events.Count > limit);
        }
    }
}
