using Microsoft.EntityFrameworkCore;
using System.Text;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Metrics;

public sealed class FortnightlyReportTests
{
    private const string Hostile = "=HYPERLINK(\"http://x.example\",\"Moor\"), Academy";

    private static Task At(ReferralsApp app, DateTimeOffset when, ReferralForm form) => Triage.Triaging.SubmitAt(app, when, form);

    /// <summary>
    /// A fortnight's tallies are kept between reports while its totals' revision stands: a change through the service, or
    /// committed by another instance (here written straight to the database with its new revision), shows at once.
    /// </summary>
    [Theory, OnSqlite, OnPostgres]
    public async Task A_report_read_again_shows_every_change_made_since_by_this_or_another_instance(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await At(app, new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero), Forms.Single("Kit", 611));
        var manager = app.As(Roles.Manager);
        async Task<double?> Figure(string section, string figure) =>
            (await (await manager.GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).Read<FortnightlyReport.Report>())
                .Rows.Single(r => r.Section == section && r.Breakdown == Breakdown.None && r.Figure == figure).ThisFortnight.Value;
        Assert.Equal(0.0, await Figure("outcomes", "decided"));

        await using (var db = app.Db())
            await Triage.Triaging.DecideEveryChild(app, (await db.Referrals.SingleAsync()).Id, Triage.Triaging.Assessment);
        Assert.Equal(1.0, await Figure("outcomes", "decided"));

        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "PeriodFigures" SET "Contacts" = "Contacts" + 100 WHERE "Interval" = 'fortnight' AND "Contacts" > 0""");
            Assert.Equal(1.0, await Figure("volume", "contacts")); // the revision stands: as last read
            await db.Database.ExecuteSqlRawAsync("""UPDATE "TotalsRevisions" SET "Revision" = "Revision" + 1""");
        }
        Assert.Equal(101.0, await Figure("volume", "contacts"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Without_a_fortnight_the_pack_is_for_the_last_complete_one(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await At(app, new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero), Forms.Single("Last", 610));
        // Monday 23 November is the first day of a fortnight, so on Tuesday 24th the last complete one began on 9 November.
        app.Clock.AdjustTime(TestClock.TuesdayMorning);
        foreach (var role in new[] { Roles.Manager, Roles.Analyst })
        {
            var report = await (await app.As(role).GetAsync("/v1/metrics/fortnightly-report")).Read<FortnightlyReport.Report>();
            Assert.Equal(new FortnightlyReport.Span(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 22)), report.Fortnight);
        }
        var manager = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report")).Read<FortnightlyReport.Report>();
        Assert.Equal(1.0, manager.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.None && r.Figure == "contacts").ThisFortnight.Value);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_pack_sets_each_figure_beside_the_previous_fortnight_and_the_same_fortnight_a_year_earlier(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        // The fortnight of 9 November 2026; the one before from 26 October; a year earlier from 10 November 2025.
        for (var i = 0; i < 3; i++) await At(app, new DateTimeOffset(2026, 11, 9 + i, 9, 0, 0, TimeSpan.Zero), Forms.Single($"Now{i}", 600 + i));
        await At(app, new DateTimeOffset(2026, 11, 8, 23, 59, 0, TimeSpan.Zero), Forms.Siblings("Prev", "Fortnight"));
        await At(app, new DateTimeOffset(2025, 11, 23, 12, 0, 0, TimeSpan.Zero), Forms.Single("Last", 700));
        await At(app, new DateTimeOffset(2025, 11, 24, 12, 0, 0, TimeSpan.Zero), Forms.Single("Outside", 701)); // a day after that fortnight

        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).Read<FortnightlyReport.Report>();
        Assert.Equal((new DateOnly(2026, 10, 26), new DateOnly(2025, 11, 10)), (report.PreviousFortnight.Start, report.YearEarlier.Start));
        var contacts = report.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.None && r.Figure == "contacts");
        Assert.Equal((3.0, 2.0, 1.0), (contacts.ThisFortnight.Value!.Value, contacts.PreviousFortnight.Value!.Value, contacts.YearEarlier.Value!.Value));
        var school = report.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.Agency && r.Figure == "formsReceived");
        Assert.Equal((Triage.Triaging.School, 3.0, 1.0, 1.0), (school.Group, school.ThisFortnight.Value!.Value, school.PreviousFortnight.Value!.Value, school.YearEarlier.Value!.Value));
        Assert.Contains(report.Rows, r => r.Section == "timeliness" && r.Figure == "medianHoursToDecision");
        Assert.False(report.Suppressed);

        // The analyst's pack: every count here is under 5.
        var analysts = await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).Read<FortnightlyReport.Report>();
        Assert.True(analysts.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.None && r.Figure == "contacts").ThisFortnight.Suppressed);

        var wrongDay = await (await app.As(Roles.Analyst).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-10")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("starts on 2026-11-09", wrongDay.GetProperty("errors").GetProperty("fortnight")[0].GetString());
        foreach (var role in new[] { Roles.Practitioner, Roles.Auditor })
            await (await app.As(role).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-09")).Problem(HttpStatusCode.Forbidden);
    }

    [Theory, OnSqlite]
    public async Task The_csv_opens_in_excel_with_formulas_neutralised(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Agencies:0:Name"] = Hostile });
        await At(app, new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), Forms.Siblings());
        var response = await app.As(Roles.Analyst).GetAccepting("/v1/metrics/fortnightly-report?fortnight=2026-11-09", "text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("fortnightly-report-2026-11-09.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Section,Breakdown,Group,Name,Figure,This fortnight (2026-11-09 to 2026-11-22),Previous fortnight (2026-10-26 to 2026-11-08),Same fortnight a year earlier (2025-11-10 to 2025-11-23)", lines[0]);
        Assert.Contains("volume,none,all,All,contacts,[c],0,0", lines);
        Assert.Contains($"volume,agency,SCH-DERBY-MOOR,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Moor\"\"), Academy\",contacts,[c],0,0", lines);
        Assert.DoesNotContain(lines, l => l.Contains(",=") || l.StartsWith('='));
        await (await app.As(Roles.Analyst).GetAccepting("/v1/metrics/fortnightly-report?fortnight=2026-11-09", "application/xml")).Problem(HttpStatusCode.NotAcceptable);
    }
}
