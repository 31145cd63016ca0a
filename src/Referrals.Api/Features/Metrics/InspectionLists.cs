using Referrals.Api.Features.Audit;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Ofsted's List 1 (contacts received in a date range) and List 3 (referrals, contacts accepted for an assessment or a
/// strategy discussion, by the date of that decision), one row per child per contact, exactly as the Annex A template
/// writes them (OfstedAnnexA). They hold personal data: managers and auditors only, and every referral listed is
/// audited as read.
/// </summary>
public static class InspectionLists
{
    public const int MaxDays = 731;

    public enum List { Contacts, Referrals }

    /// <param name="From">First London day of contact (List 1) or of referral (List 3).</param>
    /// <param name="To">Last London day (inclusive); at most two years after from.</param>
    public sealed record Query(List Kind, DateOnly? From, DateOnly? To) : IRequest<Table>;

    /// <summary>A list's columns and rows, for CSV or a workbook's sheet.</summary>
    public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RangeRules.Apply(this, q => q.From, q => q.To);
    }

    /// <summary>The range every list is asked for by: both days, in order, at most two years apart.</summary>
    public static class RangeRules
    {
        public static void Apply<T>(AbstractValidator<T> validator, Func<T, DateOnly?> fromOf, Func<T, DateOnly?> toOf)
        {
            validator.RuleFor(q => fromOf(q)).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).OverridePropertyName("from");
            // Each condition guards only the check before it: a bare When would also switch off NotNull for a missing 'to'.
            validator.RuleFor(q => toOf(q)).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                .Must((q, to) => to >= fromOf(q)).When(q => fromOf(q) is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("'to' must not be before 'from'.")
                .Must((q, to) => to!.Value.DayNumber - fromOf(q)!.Value.DayNumber < MaxDays)
                .When(q => fromOf(q) is not null && toOf(q) >= fromOf(q), ApplyConditionTo.CurrentValidator)
                .WithMessage("At most two years at a time.").OverridePropertyName("to");
        }
    }

    public static byte[] ToCsv(Table list) => Csv.Write(list.Columns, list.Rows);

    public sealed class Handler(ReferralsDbContext db, UnitOfWork save, AuditTrail audit) : IRequestHandler<Query, Table>
    {
        public async Task<Table> Handle(Query query, CancellationToken cancellationToken)
        {
            var contacts = query.Kind == List.Contacts;
            var start = LondonTime.StartOf(query.From!.Value);
            var end = LondonTime.StartOf(query.To!.Value.AddDays(1));
            var facts = contacts
                ? db.ContactFacts.AsNoTracking().ReceivedBetween(query.From!.Value, query.To!.Value)
                : db.ContactFacts.AsNoTracking().Where(f => f.ReferredAt >= start && f.ReferredAt < end);
            var rows = await facts
                .Join(db.Contacts, f => f.ContactId, c => c.Id, (f, c) => new { Fact = f, c.Position, c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate })
                .ToListAsync(cancellationToken);
            // Ordered here: the two engines order instants held as text and as timestamps alike, but not ties.
            rows = [.. rows.OrderBy(r => contacts ? r.Fact.ReceivedAt : r.Fact.ReferredAt!.Value).ThenBy(r => r.Fact.ReferralId).ThenBy(r => r.Position)];

            var childIds = await KnownChildIdsAsync(rows.Select(r => r.Fact.ChildKey).Distinct().ToList(), cancellationToken);
            var action = contacts ? AuditActions.ContactsExported : AuditActions.ReferralsExported;
            foreach (var referral in rows.Select(r => r.Fact.ReferralId).Distinct()) audit.Record(action, referral);
            await save.SaveAsync(cancellationToken);

            return new Table(contacts ? OfstedAnnexA.ContactColumns : OfstedAnnexA.ReferralColumns, rows.Select(r =>
            {
                var f = r.Fact;
                var unborn = r.DateOfBirth is null && r.ExpectedDueDate is not null;
                var day = LondonTime.DayOf(contacts ? f.ReceivedAt : f.ReferredAt!.Value);
                // An unborn child's date of birth is the date it is expected, as the census records it; it has no age yet.
                var common = new object?[]
                {
                    childIds[f.ChildKey], OfstedAnnexA.Sex(f.Gender, unborn), OfstedAnnexA.Ethnicity(f.Ethnicity),
                    (r.DateOfBirth ?? r.ExpectedDueDate) is { } born ? OfstedAnnexA.Date(born) : null,
                    unborn ? null : OfstedAnnexA.Age(r.DateOfBirth, r.EstimatedAgeYears, day), OfstedAnnexA.Date(day), OfstedAnnexA.Source(f.SourceCode),
                };
                return contacts ? common : [.. common,
                    f.Outcome == DecisionOutcome.NoFurtherAction ? "Yes" : "No", f.ReferralsInTwelveMonths,
                    f.Team ?? OfstedAnnexA.NotYetAllocated, f.Worker ?? OfstedAnnexA.NotYetAllocated];
            }).ToList());
        }

        /// <summary>
        /// Each child's list id, given out the first time the child is listed. Two exports listing a new child at once
        /// may both try to give it one: the unique key lets one win, and the loser reads the winner's.
        /// </summary>
        private async Task<Dictionary<string, string>> KnownChildIdsAsync(List<string> keys, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var ids = await db.KnownChildIds.AsNoTracking().Where(c => keys.Contains(c.ChildKey))
                    .ToDictionaryAsync(c => c.ChildKey, c => c.Id, StringComparer.Ordinal, cancellationToken);
                var missing = keys.Where(key => !ids.ContainsKey(key)).Select(key => new KnownChildId { ChildKey = key, Id = KnownChildId.NewId() }).ToList();
                if (missing.Count == 0) return ids;
                db.KnownChildIds.AddRange(missing);
                try
                {
                    await save.SaveAsync(cancellationToken);
                    foreach (var child in missing) ids[child.ChildKey] = child.Id;
                    return ids;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    foreach (var child in missing) db.Entry(child).State = EntityState.Detached;
                }
            }
        }
    }
}
