using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Referrals.Api.Features.Metrics;
using Referrals.IntegrationTests.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>Contacts and referrals as the DfE counts them (Referrals 8), and a database written before they were told apart.</summary>
public sealed class ContactsAndReferralsTests
{
    private static async Task<IReadOnlyDictionary<string, Figure>> Total(ReferralsApp app, string family, string from, string to) =>
        (await (await app.As(Roles.Manager).GetAsync($"/v1/metrics/{family}?from={from}&to={to}&interval=month"))
            .Read<ReadFigures.FiguresTable>()).Periods.Single().Total;

    [Theory, OnSqlite, OnPostgres]
    public async Task A_contact_is_a_referral_once_accepted_and_only_referrals_make_re_referrals(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var june = await DecideEveryChild(app, (await Submit(app)).Id, EarlyHelp); // Amy and Ben: early help, so contacts only
        app.Clock.AdjustTime(TestClock.TuesdayMorning);
        await Feedbacking.ToOutcome(app); // Amy and Ben accepted for assessment: referrals, but not re-referrals
        await Submit(app); // and again, not yet decided: contacts

        var june1 = await Total(app, "outcomes", "2026-06-01", "2026-06-30");
        Assert.Equal((2.0, 0.0, 0.0), (june1["decided"].Value, june1["referrals"].Value, june1["conversionRatePercent"].Value));
        var november = await Total(app, "outcomes", "2026-11-01", "2026-11-30");
        Assert.Equal((2.0, 2.0, 100.0, 0.0, 0.0), (november["decided"].Value, november["referrals"].Value, november["conversionRatePercent"].Value,
            november["reReferrals"].Value, november["reReferralPercent"].Value));
        var volume = await Total(app, "volume", "2026-11-01", "2026-11-30");
        Assert.Equal((4.0, 2.0, 2.0), (volume["contacts"].Value, volume["formsReceived"].Value, volume["referrals"].Value));

        // Early help in June made no referral, so November's are each the child's first in 12 months.
        await using var db = app.Db();
        Assert.All(await db.ContactFacts.Where(f => f.ReferralId == june.Id).ToListAsync(), f => Assert.Null(f.ReferredAt));
        Assert.Equal([1, 1], await db.ContactFacts.Where(f => f.ReferredAt != null).OrderBy(f => f.ContactId).Select(f => f.ReferralsInTwelveMonths).ToListAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_database_written_before_referrals_were_told_apart_is_counted_again_nothing_lost(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        app.Clock.AdjustTime(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await Feedbacking.ToOutcome(app); // Amy and Ben, accepted
        app.Clock.AdjustTime(TestClock.TuesdayMorning);
        var again = await Feedbacking.ToOutcome(app); // accepted again: re-referrals
        await Submit(app, Forms.Single("Eve", 801)); // a contact

        var before = await Total(app, "volume", "2026-11-01", "2026-11-30");
        await using (var db = app.Db())
        {
            // As the service stored them before: no referral times, re-referrals counted among forms, the triager as the worker.
            foreach (var sql in new[]
                     {
                         """DROP INDEX "IX_ContactFacts_ChildKey" """, """ALTER TABLE "ContactFacts" DROP COLUMN "ReferredAt" """,
                         """ALTER TABLE "Contacts" DROP COLUMN "AllocatedTeam" """, """ALTER TABLE "Contacts" DROP COLUMN "AllocatedWorker" """,
                         """ALTER TABLE "Contacts" DROP COLUMN "AllocatedAt" """, """ALTER TABLE "FortnightFigures" DROP COLUMN "Referrals" """,
                         """ALTER TABLE "FortnightFigures" RENAME COLUMN "FormsReceived" TO "Referrals" """,
                         """UPDATE "ContactFacts" SET "ReReferral" = TRUE, "ReferralsInTwelveMonths" = 2, "Worker" = 'Sam Social Worker'""",
                         """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261130200000_ContactsAndReferrals'""",
                     })
                await db.Database.ExecuteSqlRawAsync(sql);
            await db.GetService<IMigrator>().MigrateAsync();
        }
        await ContactFactsBackfill.RunAsync(app.Services);

        var after = await Total(app, "volume", "2026-11-01", "2026-11-30");
        Assert.Equal((3.0, 2.0, 2.0), (after["contacts"].Value, after["formsReceived"].Value, after["referrals"].Value));
        Assert.Equal((before["contacts"].Value, before["formsReceived"].Value, before["referrals"].Value),
            (after["contacts"].Value, after["formsReceived"].Value, after["referrals"].Value));
        var outcomes = await Total(app, "outcomes", "2026-11-01", "2026-11-30");
        Assert.Equal((2.0, 2.0, 100.0), (outcomes["referrals"].Value, outcomes["reReferrals"].Value, outcomes["reReferralPercent"].Value));
        await using (var db = app.Db())
        {
            var facts = await db.ContactFacts.AsNoTracking().ToListAsync();
            Assert.All(facts.Where(f => f.ReferralId == again.Id), f => Assert.Equal((true, 2, (string?)null), (f.ReReferral, f.ReferralsInTwelveMonths, f.Worker)));
            Assert.All(facts.Where(f => f.ReferredAt is null), f => Assert.Equal((false, 0), (f.ReReferral, f.ReferralsInTwelveMonths)));
            Assert.Equal(4, facts.Count(f => f.ReferredAt is not null));
        }
        await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
    }
}
