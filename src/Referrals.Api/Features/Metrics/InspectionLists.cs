using System.Globalization;
using Referrals.Api.Features.Audit;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Ofsted's lists of contacts and of referrals for a date range, one row per child per contact, in
/// the inspectorate's columns with the national referral source labels. They hold personal data:
/// managers and auditors only, and every referral listed is audited as read.
/// </summary>
public static class InspectionLists
{
    public const int MaxDays = 731;

    public enum List { Contacts, Referrals }

    /// <param name="From">First London day of contact or referral.</param>
    /// <param name="To">Last London day (inclusive); at most two years after from.</param>
    public sealed record Query(List Kind, DateOnly? From, DateOnly? To) : IRequest<byte[]>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
            // Each condition guards only the check before it: a bare When would also switch off NotNull for a missing 'to'.
            RuleFor(q => q.To).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                .GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage("'to' must not be before 'from'.")
                .Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber < MaxDays)
                .When(q => q.From is not null && q.To >= q.From, ApplyConditionTo.CurrentValidator)
                .WithMessage("At most two years at a time.");
        }
    }

    public static readonly string[] ContactColumns = ["Child ID", "Gender", "Ethnicity", "Date of birth", "Age", "Date of contact", "Contact source"];

    public static readonly string[] ReferralColumns =
        ["Child ID", "Gender", "Ethnicity", "Date of birth", "Age", "Date of referral", "Referral source", "Referral NFA",
         "Number of referrals in last 12 months", "Allocated team", "Allocated worker"];

    public sealed class Handler(ReferralsDbContext db, AuditTrail audit) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var facts = db.ContactFacts.AsNoTracking().ReceivedBetween(query.From!.Value, query.To!.Value);
            if (query.Kind == List.Referrals)
                facts = facts.Where(f => f.Status != ReferralStatus.Withdrawn && f.Status != ReferralStatus.Linked);
            var rows = await facts
                .Join(db.Contacts, f => f.ContactId, c => c.Id, (f, c) => new { Fact = f, c.Position, c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate })
                .OrderBy(r => r.Fact.ReceivedAt).ThenBy(r => r.Fact.ReferralId).ThenBy(r => r.Position)
                .ToListAsync(cancellationToken);

            var childIds = await KnownChildIdsAsync(rows.Select(r => r.Fact.ChildKey).Distinct().ToList(), cancellationToken);
            var action = query.Kind == List.Contacts ? AuditActions.ContactsExported : AuditActions.ReferralsExported;
            foreach (var referral in rows.Select(r => r.Fact.ReferralId).Distinct()) audit.Record(action, referral);
            await db.SaveChangesAsync(cancellationToken);

            return Csv.Write(query.Kind == List.Contacts ? ContactColumns : ReferralColumns, rows.Select(r =>
            {
                var f = r.Fact;
                var day = LondonTime.DayOf(f.ReceivedAt);
                var common = new object?[]
                {
                    childIds[f.ChildKey], f.Gender is { } gender ? Json.Word(gender).Replace('-', ' ') : "",
                    CensusCodes.Ethnicities.FirstOrDefault(e => e.Value == f.Ethnicity)?.Label ?? "",
                    r.DateOfBirth is { } born ? Uk(born) : r.ExpectedDueDate is { } due ? $"Unborn (due {Uk(due)})" : "",
                    Age(r.DateOfBirth, r.EstimatedAgeYears, r.ExpectedDueDate, day), Uk(day), Source(f.AgencyType),
                };
                return query.Kind == List.Contacts ? common : [.. common,
                    f.Outcome is null ? "" : f.Outcome == DecisionOutcome.NoFurtherAction ? "Yes" : "No",
                    f.ReferralsInTwelveMonths, f.Team ?? "", f.Worker ?? ""];
            }));
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
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var child in missing) ids[child.ChildKey] = child.Id;
                    return ids;
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    foreach (var child in missing) db.Entry(child).State = EntityState.Detached;
                }
            }
        }

        private static string Uk(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        private static string Source(AgencyType type) => ReferralSource.For(type) is var source ? $"{source.Value} {source.Label}" : "";

        /// <summary>Whole years on the day of contact; an estimate as given; "Unborn" before birth.</summary>
        private static object Age(DateOnly? born, int? estimated, DateOnly? due, DateOnly on)
        {
            if (born is { } b)
            {
                var years = on.Year - b.Year;
                if (on < b.AddYears(years)) years--;
                return Math.Max(years, 0);
            }
            if (estimated is { } e) return e;
            return due is not null ? "Unborn" : "";
        }
    }
}
