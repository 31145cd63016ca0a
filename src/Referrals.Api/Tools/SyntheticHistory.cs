using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Referrals.Api.Features.ReferenceData;
using Referrals.Api.Features.Feedback;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Data.Saving;
using Referrals.Api.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Tools;

/// <summary>
/// `dotnet run --project src/Referrals.Api -- seed --referrals N [--years Y] [--seed S]`: fills the
/// configured database with invented but realistic history for benchmarks and demonstrations. Every
/// referral goes through the real domain (submission, assignment, decisions, sign-off, outcome,
/// closing), so the rows are what the service itself would have written; source mix close to the
/// national one (police about 28%, schools about 21%), about 22% re-referrals, decisions mostly within
/// one working day. Repeatable from the seed on the same day (history runs back from now). The people are
/// invented; no real person's data is used.
/// </summary>
public sealed class SyntheticHistory(IServiceProvider services, AgencyDirectory agencies, WorkingDayCalendar calendar, SignOffRules signOff,
    ContactFactsWriter facts, MetricsOptions metrics, TimeProvider clock)
{
    private const int Batch = 2_000;
    private const double ReReferralShare = 0.22;

    /// <summary>National shares of referrals by source (children in need census, roughly), as weights.</summary>
    private static readonly (AgencyType Type, double Weight)[] SourceMix =
    [
        (AgencyType.Police, 28), (AgencyType.School, 21), (AgencyType.EducationService, 2), (AgencyType.GpPractice, 3),
        (AgencyType.HealthVisiting, 3), (AgencyType.SchoolNursing, 1), (AgencyType.OtherPrimaryHealth, 2), (AgencyType.EmergencyDepartment, 4),
        (AgencyType.OtherHealth, 3), (AgencyType.Housing, 2), (AgencyType.OtherInternal, 3), (AgencyType.OtherLocalAuthority, 2),
        (AgencyType.EarlyHelp, 4), (AgencyType.FamilyMember, 6), (AgencyType.Acquaintance, 1), (AgencyType.Self, 1), (AgencyType.OtherIndividual, 1),
        (AgencyType.Probation, 2), (AgencyType.YouthOffending, 1), (AgencyType.VoluntarySector, 4), (AgencyType.Anonymous, 2),
    ];

    private static readonly (DecisionOutcome Outcome, double Weight)[] OutcomeMix =
    [
        (DecisionOutcome.NoFurtherAction, 30), (DecisionOutcome.InformationAndAdvice, 15), (DecisionOutcome.EarlyHelp, 25),
        (DecisionOutcome.SocialCareAssessment, 22), (DecisionOutcome.StrategyDiscussion, 6), (DecisionOutcome.AlreadyOpen, 2),
    ];

    private static readonly string[] FirstNames = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jack", "Kai", "Lily", "Mo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tia", "Umar", "Vera", "Wes", "Yara", "Zak"];
    private static readonly string[] LastNames = ["Ashdown", "Birch", "Carver", "Dale", "Ellery", "Fenwick", "Garnet", "Holloway", "Ivens", "Jessop", "Kettle", "Lomas", "Marlow", "Norbury", "Orme", "Pell", "Radley", "Stanton", "Thorne", "Upton", "Vance", "Wragg", "Yeld"];
    // Census codes, most children White British as in Derby and Derbyshire.
    private static readonly string[] Ethnicities = ["WBRI", "WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "APKN", "AIND", "BAFR", "OOTH", "NOBT"];
    private static readonly string[] Teams = ["Derby City Assessment Team 1", "Derby City Assessment Team 2", "Early Help Derby South", "Early Help Derby North", "Derbyshire Assessment Team"];

    /// <summary>Children on referrals of the last 12 months, oldest first, and when each was referred: the pool re-referrals come from.</summary>
    private sealed class RecentChildren
    {
        private readonly List<(ChildDetails Child, DateTimeOffset At)> _seen = [];
        private int _head;

        public void Forget(DateTimeOffset before)
        {
            while (_head < _seen.Count && _seen[_head].At < before) _head++;
            if (_head > 100_000) { _seen.RemoveRange(0, _head); _head = 0; }
        }

        public ChildDetails? Pick(Random random) => _seen.Count > _head ? _seen[random.Next(_head, _seen.Count)].Child : null;

        public void Add(ChildDetails child, DateTimeOffset at) => _seen.Add((child, at));
    }

    /// <summary>
    /// Each child's referrals (contacts accepted) in the last 12 months, for its next referral's counts. Histories are
    /// decided in order of receipt, so a referral's earlier ones are known when it is made (ContactFact.CountReferrals).
    /// </summary>
    private sealed class ChildReferrals
    {
        private readonly Dictionary<ChildDetails, List<DateTimeOffset>> _referred = [];

        public bool AllBefore(ChildDetails child, DateTimeOffset at) => !_referred.TryGetValue(child, out var times) || times.All(t => t < at);

        public void Count(ChildDetails child, ContactFact fact, DateTimeOffset referredAt)
        {
            if (!_referred.TryGetValue(child, out var times)) _referred[child] = times = [];
            var earlier = times.Count(t => ContactFact.IsWithinTwelveMonthsBefore(t, referredAt));
            (fact.ReReferral, fact.ReferralsInTwelveMonths) = (earlier > 0, earlier + 1);
            times.Add(referredAt);
        }
    }

    public sealed record Summary(int Referrals, int Contacts, TimeSpan Took);

    public static async Task<int> RunCommandAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (!int.TryParse(Option("--referrals"), CultureInfo.InvariantCulture, out var referrals) || referrals < 1 ||
            !int.TryParse(Option("--years") ?? "5", CultureInfo.InvariantCulture, out var years) || years is < 1 or > 30 ||
            !int.TryParse(Option("--seed") ?? "1", CultureInfo.InvariantCulture, out var seed))
        {
            errors.WriteLine("usage: seed --referrals N [--years Y (1-30, default 5)] [--seed S (default 1)]");
            return 2;
        }
        Database.Migrate(services);
        var history = ActivatorUtilities.CreateInstance<SyntheticHistory>(services);
        var summary = await history.GenerateAsync(referrals, years, seed, progress => output.WriteLine(progress));
        output.WriteLine($"seeded {summary.Referrals:N0} referrals ({summary.Contacts:N0} contacts) in {summary.Took.TotalSeconds:N1} s");
        return 0;
    }

    public async Task<Summary> GenerateAsync(int count, int years, int seed, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var start = now.AddYears(-years);
        // Receipt times, oldest first, weekdays four times as likely as weekend days, mostly in office hours.
        var times = Enumerable.Range(0, count).Select(_ => ReceiptTime(random, start, now)).Order().ToList();
        var byType = agencies.All.Where(a => a.Active).GroupBy(a => a.Type).ToDictionary(g => g.Key, g => g.ToList());
        var mix = SourceMix.Where(m => byType.ContainsKey(m.Type)).ToArray();
        var practitioners = Enumerable.Range(1, 12).Select(i => new Actor($"prac-{i}", $"Practitioner {i}", Roles.Practitioner)).ToArray();
        var managers = Enumerable.Range(1, 3).Select(i => new Actor($"mgr-{i}", $"Manager {i}", Roles.Manager)).ToArray();

        await using var setup = services.CreateAsyncScope();
        var numbers = await setup.ServiceProvider.GetRequiredService<ReferralsDbContext>().ReferenceCounters.AsNoTracking()
            .ToDictionaryAsync(c => c.Year, c => c.LastNumber, cancellationToken);
        var feed = await setup.ServiceProvider.GetRequiredService<ReferralsDbContext>().FeedbackCounters.AsNoTracking()
            .ToDictionaryAsync(c => c.AgencyCode, c => c.LastSequence, cancellationToken);
        var claims = new FortnightTotals.ChildClaims(metrics.FortnightAnchor);
        var recent = new RecentChildren();
        var referred = new ChildReferrals();
        var nhs = 300_000_000 + random.Next(1_000_000) * 10;
        var contacts = 0;

        var writing = Task.CompletedTask;
        for (var offset = 0; offset < count; offset += Batch)
        {
            var made = new List<Referral>();
            var summaries = new List<ContactFact>();
            var counted = new List<FortnightChild>();
            foreach (var receivedAt in times.Skip(offset).Take(Batch))
            {
                recent.Forget(receivedAt.AddMonths(-12));
                var type = Pick(random, mix);
                var agency = byType[type][random.Next(byType[type].Count)];
                var children = new List<ChildDetails>();
                for (var i = 0; i < (random.NextDouble() switch { < 0.75 => 1, < 0.95 => 2, _ => 3 }); i++)
                {
                    // Only a child whose referrals so far were all made before this contact: each child's referrals then
                    // come in the order of their contacts, as the counts below assume.
                    if (random.NextDouble() < ReReferralShare && recent.Pick(random) is { } again && referred.AllBefore(again, receivedAt))
                    {
                        if (children.Contains(again)) continue;
                        children.Add(again);
                    }
                    else
                    {
                        children.Add(NewChild(random, receivedAt, ref nhs));
                    }
                }

                var year = receivedAt.Year;
                numbers[year] = numbers.GetValueOrDefault(year) + 1;
                var form = Form(random, agency, children);
                var quality = QualityRubric.Assess(form, LondonTime.DayOf(receivedAt));
                var channel = form.Channel!.Value;
                var submitter = channel == Channel.ElectronicForm ? new Actor($"referrer-{agency.Code}", "Referrer", Roles.Referrer) : practitioners[random.Next(practitioners.Length)];
                var submission = new Submission(form, JsonSerializer.Serialize(form, Json.Options), quality,
                    JsonSerializer.Serialize(quality, Json.Options), agency.Code, channel, submitter, form.Referrer?.Name ?? "Referrer");
                var referral = Referral.Submit(Guid.CreateVersion7(receivedAt), submission, receivedAt, calendar.DecisionDue(receivedAt),
                    reference: $"REF-{year}-{numbers[year]:D6}");
                Triage(random, referral, now, practitioners, managers);
                foreach (var raised in referral.FeedbackEvents)
                    raised.Sequence = feed[raised.AgencyCode] = feed.GetValueOrDefault(raised.AgencyCode) + 1;
                made.Add(referral);
                for (var i = 0; i < referral.Contacts.Count; i++)
                {
                    var summary = facts.Summarise(referral, referral.Contacts[i], form, quality);
                    if (summary.ReferredAt is { } referredAt) referred.Count(children[i], summary, referredAt);
                    counted.AddRange(claims.Claim(summary));
                    summaries.Add(summary);
                }
                // Children accepted as referrals are the pool re-referrals come from.
                for (var i = 0; i < referral.Contacts.Count; i++)
                    if (summaries[^(referral.Contacts.Count - i)].ReferredAt is not null) recent.Add(children[i], receivedAt);
                contacts += referral.Contacts.Count;
            }
            // The database writes one batch while the next is made; the counters as they stand after this batch go with it.
            await writing;
            var done = Math.Min(offset + Batch, count);
            var counters = (new Dictionary<int, int>(numbers), new Dictionary<string, long>(feed));
            writing = Task.Run(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                await WriteAsync(scope.ServiceProvider.GetRequiredService<ReferralsDbContext>(), made, summaries, counted, counters, metrics.FortnightAnchor,
                    cancellationToken);
                progress?.Invoke($"{done:N0} of {count:N0} referrals ({watch.Elapsed.TotalSeconds:N0} s)");
            }, cancellationToken);
        }

        await writing;
        return new Summary(count, contacts, watch.Elapsed);
    }

    /// <summary>
    /// One batch in one transaction, parents before children so every foreign key holds, and the reference and feed
    /// counters moved up to it in the same transaction: a run stopped part-way leaves counters that match what it wrote.
    /// </summary>
    private static async Task WriteAsync(ReferralsDbContext db, List<Referral> referrals, List<ContactFact> summaries, List<FortnightChild> children,
        (Dictionary<int, int> References, Dictionary<string, long> Feed) counters, DateOnly anchor, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async cancellation =>
        {
            // Never backwards: "excluded" is the row offered, in both engines' INSERT … ON CONFLICT.
            foreach (var (year, last) in counters.References)
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "ReferenceCounters" ("Year", "LastNumber") VALUES ({year}, {last}) ON CONFLICT ("Year") DO UPDATE SET "LastNumber" =
                    CASE WHEN excluded."LastNumber" > "ReferenceCounters"."LastNumber" THEN excluded."LastNumber" ELSE "ReferenceCounters"."LastNumber" END
                    """, cancellation);
            foreach (var (agency, last) in counters.Feed)
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "FeedbackCounters" ("AgencyCode", "LastSequence") VALUES ({agency}, {last}) ON CONFLICT ("AgencyCode") DO UPDATE SET "LastSequence" =
                    CASE WHEN excluded."LastSequence" > "FeedbackCounters"."LastSequence" THEN excluded."LastSequence" ELSE "FeedbackCounters"."LastSequence" END
                    """, cancellation);
            await BulkInsert.WriteAsync(db, referrals, cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.Contacts).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.Concerns).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.Transitions).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.InformationRequests).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.Decisions).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, referrals.SelectMany(r => r.FeedbackEvents).ToList(), cancellation);
            await BulkInsert.WriteAsync(db, summaries, cancellation);
            // Children counted in earlier runs' fortnights are left as they are (the generator appends history in order).
            await BulkInsert.WriteAsync(db, children, cancellation, skipExisting: true);
            var totals = new FortnightTotals.Changes(anchor);
            foreach (var summary in summaries) totals.Add(summary);
            await totals.ApplyAsync(db, cancellation);
        }, cancellationToken);
    }

    /// <summary>Through triage the way most referrals go: taken, sometimes questioned, decided mostly within a working day, signed off, the outcome sent, closed.</summary>
    private void Triage(Random random, Referral referral, DateTimeOffset now, Actor[] practitioners, Actor[] managers)
    {
        var received = referral.ReceivedAt;
        if (received > now.AddDays(-3)) return; // the last few days are still with the front door
        var practitioner = practitioners[random.Next(practitioners.Length)];
        if (random.NextDouble() < 0.01)
        {
            referral.Withdraw("Sent in error.", new Actor("referrer", "Referrer", Roles.Referrer), received.AddMinutes(30));
            return;
        }
        var due = referral.DecisionDueAt;
        var decidedAt = random.NextDouble() < 0.85
            ? received + (due - received) * (0.1 + 0.85 * random.NextDouble())
            : due + TimeSpan.FromHours(1 + 47 * random.NextDouble());
        var step = (decidedAt - received) / 4;
        referral.Assign(practitioner, practitioner, received + step, mayReassign: false);
        if (random.NextDouble() < 0.1)
        {
            var request = referral.RequestInformation("Who lives at home with the child?", practitioner, received + step * 1.5);
            referral.AnswerInformation(request.Id, "Mother and her partner.", new Actor("referrer", "Referrer", Roles.Referrer), received + step * 2);
        }
        foreach (var contact in referral.Contacts)
        {
            var outcome = Pick(random, OutcomeMix);
            var rating = random.NextDouble() switch { < 0.25 => QualityRating.Good, < 0.8 => QualityRating.Adequate, _ => QualityRating.Poor };
            IReadOnlyList<QualityReason> reasons = rating == QualityRating.Good ? [] : [FigureCalculator.Reasons[random.Next(FigureCalculator.Reasons.Count)]];
            var details = new DecisionDetails(outcome, outcome.IsSocialCare() ? 3 + random.Next(2) : 1 + random.Next(2),
                "Invented rationale for a synthetic referral.", "Invented feedback for the referrer.",
                outcome.BelowThreshold() ? "Universal services and the family hub." : null, rating, reasons,
                outcome.IsSocialCare() ? "N1" : null, Teams[random.Next(Teams.Length)]);
            referral.Decide(contact.Id, details, practitioner, decidedAt, signOff.Require(outcome, practitioner.Role));
        }
        if (referral.Status == ReferralStatus.AwaitingSignOff)
        {
            var manager = managers[random.Next(managers.Length)];
            var signedAt = decidedAt + TimeSpan.FromHours(random.NextDouble() < 0.9 ? 0.5 + 5 * random.NextDouble() : 24 + 48 * random.NextDouble());
            foreach (var contact in referral.Contacts)
                referral.SignOff(contact.Id, SignOffResult.Agreed, null, null, manager, signedAt);
        }
        if (referral.Status == ReferralStatus.OutcomeReady && random.NextDouble() < 0.9 && referral.OutcomeReadyAt!.Value.AddDays(2) < now)
            referral.Close("Outcome shared with the referrer.", practitioner, referral.OutcomeReadyAt.Value.AddDays(1));
    }

    private static DateTimeOffset ReceiptTime(Random random, DateTimeOffset start, DateTimeOffset end)
    {
        while (true)
        {
            var day = start.AddDays(random.NextDouble() * (end - start).TotalDays).Date;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (weekend && random.NextDouble() > 0.25) continue;
            var hour = random.NextDouble() < 0.85 ? 8 + random.NextDouble() * 10 : random.NextDouble() * 24;
            var at = new DateTimeOffset(day, TimeSpan.Zero).AddHours(hour);
            if (at < end) return at;
        }
    }

    private static T Pick<T>(Random random, (T Item, double Weight)[] weighted)
    {
        var roll = random.NextDouble() * weighted.Sum(w => w.Weight);
        foreach (var (item, weight) in weighted)
            if ((roll -= weight) < 0) return item;
        return weighted[^1].Item;
    }

    private static ChildDetails NewChild(Random random, DateTimeOffset at, ref int nhs)
    {
        string? number = null;
        nhs++;
        if (random.NextDouble() < 0.85)
            for (nhs++; number is null; nhs++)
            {
                var body = nhs.ToString("D9", CultureInfo.InvariantCulture);
                if (ChildIdentifiers.NhsCheckDigit(body) is var check and < 10) number = body + check.ToString(CultureInfo.InvariantCulture);
            }
        return new ChildDetails
        {
            // A double-barrelled surname made from the child's number keeps every invented child distinct.
            FirstName = FirstNames[random.Next(FirstNames.Length)], LastName = $"{LastNames[random.Next(LastNames.Length)]}-{LastNames[nhs % LastNames.Length]}{nhs / LastNames.Length % 997}",
            DateOfBirth = DateOnly.FromDateTime(at.UtcDateTime).AddDays(-random.Next(30, 17 * 365)),
            Gender = random.NextDouble() < 0.5 ? Gender.Female : Gender.Male, Ethnicity = Ethnicities[random.Next(Ethnicities.Length)],
            NhsNumber = number ?? ChildIdentifiers.NotKnown, SafeNow = random.NextDouble() < 0.95 ? Answer.Yes : Answer.No,
            Address = "1 Invented Street, Derby", Postcode = "DE1 2FS",
        };
    }

    private static ReferralForm Form(Random random, Agency agency, List<ChildDetails> children)
    {
        bool Often(double p) => random.NextDouble() < p;
        var electronic = Often(0.8) && agency.Type is not (AgencyType.FamilyMember or AgencyType.Acquaintance or AgencyType.Self or AgencyType.OtherIndividual or AgencyType.Anonymous);
        var level = random.Next(1, 5);
        return new ReferralForm
        {
            Channel = electronic ? Channel.ElectronicForm : Often(0.6) ? Channel.Phone : Often(0.8) ? Channel.Email : Channel.InPerson,
            AgencyCode = agency.Code,
            Referrer = new ReferrerDetails { Name = "Invented Referrer", Role = "Safeguarding lead", Phone = "01332 000 000", Email = Often(0.9) ? "referrer@agency.example" : null },
            Children = children,
            Consent = new ConsentDetails { ParentsAware = Often(0.85) ? Answer.Yes : Answer.No, ParentsAwareReason = "Telling them could increase the risk.", ParentsConsented = Often(0.7) ? Answer.Yes : Answer.No, ConsentReason = "Safeguarding concern." },
            Concern = new ConcernDetails
            {
                Categories = ConcernCategories.All.OrderBy(_ => random.Next()).Take(Often(0.7) ? 1 : 2).Select(c => c.Code).ToList(),
                WhatHappened = "An invented account of the concern, long enough to say what the worry is.",
                WhenAndWhere = Often(0.8) ? "At school on Monday morning." : null,
                HowKnown = Often(0.8) ? "Seen by staff." : null,
                ChildsVoice = Often(0.6) ? "The child said they were worried." : null,
                WhatIsGoingWell = Often(0.5) ? "Attends regularly." : null,
                ActionsAlreadyTaken = Often(0.6) ? "Spoke with the parent." : null,
                OtherProfessionals = Often(0.5) ? "School nurse." : null,
            },
            ReferrerView = new ReferrerView { LevelOfNeed = level, Risk = level >= 3 ? RiskLevel.High : RiskLevel.Medium, RiskReason = Often(0.7) ? "Pattern of concern." : null },
        };
    }
}
