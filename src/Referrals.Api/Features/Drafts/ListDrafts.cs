using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;

namespace Referrals.Api.Features.Drafts;

/// <summary>The signed-in user's own drafts, last saved first, so they can carry on with one. Nobody else's are listed.</summary>
public static class ListDrafts
{
    public sealed record Query : IRequest<DraftList>;

    /// <param name="Children">The children's names as written so far, to tell drafts apart ("No child added yet" when none).</param>
    public sealed record DraftSummary(
        Guid Id, DateTimeOffset StartedAt, DateTimeOffset SavedAt, DateTimeOffset ExpiresAt, bool ExpiresSoon, string Children, int Attachments);

    public sealed record DraftList(IReadOnlyList<DraftSummary> Items);

    /// <summary>A user keeps few drafts; more than this many unsubmitted is a sign something is wrong, not a page to turn.</summary>
    public const int MaxListed = 100;

    public sealed class Validator : AbstractValidator<Query>;

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, CurrentUser user, AuditTrail audit, TimeProvider clock, DraftOptions options)
        : IRequestHandler<Query, DraftList>
    {
        public async Task<DraftList> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var drafts = await db.Drafts.AsNoTracking().Where(d => d.OwnerId == user.Id && d.ExpiresAt > now)
                .OrderByDescending(d => d.SavedAt).ThenByDescending(d => d.Id).Take(MaxListed).ToListAsync(cancellationToken);
            var ids = drafts.Select(d => d.Id).ToList();
            var attachments = await db.Attachments.AsNoTracking().Where(a => a.DraftId != null && ids.Contains(a.DraftId.Value))
                .GroupBy(a => a.DraftId).Select(g => new { DraftId = g.Key!.Value, Count = g.Count() })
                .ToDictionaryAsync(g => g.DraftId, g => g.Count, cancellationToken);
            foreach (var draft in drafts) audit.RecordAbout(AuditActions.DraftListed, draft.Id);
            await save.SaveAsync(cancellationToken);
            return new DraftList(drafts.Select(d => new DraftSummary(d.Id, d.StartedAt, d.SavedAt, d.ExpiresAt, options.ExpiresSoon(d.ExpiresAt, now),
                ChildrenOf(d.Form), attachments.GetValueOrDefault(d.Id))).ToList());
        }

        private static string ChildrenOf(ReferralForm form)
        {
            var names = (form.Children ?? []).Where(c => c is not null)
                .Select(c => string.Join(' ', new[] { c.FirstName, c.LastName }.Where(ChildIdentifiers.IsKnown)).Trim())
                .Select(name => name.Length > 0 ? name : "A child whose name is not known").ToList();
            return names.Count == 0 ? "No child added yet" : string.Join(", ", names);
        }
    }
}
