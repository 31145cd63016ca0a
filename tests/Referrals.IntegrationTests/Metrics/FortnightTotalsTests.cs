using Referrals.Api.Tools;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;
using Referrals.IntegrationTests.Feedback;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>
/// The fortnightly report reads fortnight totals kept as referrals change; the figures endpoints work everything
/// out from the contacts themselves. On two years of generated history with live changes on top, the two
/// must agree figure for figure, and the totals kept must equal totals rebuilt from scratch.
/// </summary>
public sealed class FortnightTotalsTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task The_report_from_fortnight_totals_equals_the_figures_worked_out_from_every_contact(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        await ActivatorUtilities.CreateInstance<SyntheticHistory>(app.Services).GenerateAsync(1_500, years: 2, seed: 11);
        // Live changes in the current fortnight, each moving a contact between groups: a decision signed off,
        // one awaiting sign-off, a withdrawal, a referral returned for information.
        await Feedbacking.ToOutcome(app);
        var practitioner = app.As(Roles.Practitioner);
        var pending = await Take(practitioner, await Submit(app, Forms.Siblings("Ada", "Pending"))).Ok();
        await Decide(practitioner, pending, 0, EarlyHelp).Ok();
        var withdrawn = await Submit(app, Forms.Single("Wyn", 900));
        await (await Referrals.WithdrawReferralTests.Withdraw(app.As(Roles.Referrer, School), withdrawn.Id, "Sent in error.")).Read<GetReferral.ReferralDetail>();

        foreach (var role in new[] { Roles.Manager, Roles.Analyst })
            foreach (var fortnight in new[] { "2026-11-23", "2026-10-26" })
                await AssertReportEqualsFiguresFromContacts(app, role, fortnight);

        List<string> kept, rebuilt, keptChildren, rebuiltChildren;
        await using (var db = app.Db()) (kept, keptChildren) = (await TotalsRows(db), await ChildrenRows(db));
        await using (var db = app.Db()) await FortnightTotals.RebuildAsync(db, new DateOnly(2026, 1, 5), CancellationToken.None);
        await using (var db = app.Db()) (rebuilt, rebuiltChildren) = (await TotalsRows(db), await ChildrenRows(db));
        Assert.True(rebuilt.Count > 500, $"{rebuilt.Count} totals rows");
        Assert.Equal(rebuilt, kept);
        Assert.True(rebuiltChildren.Count > 3_000, $"{rebuiltChildren.Count} children rows");
        Assert.Equal(rebuiltChildren, keptChildren);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Concurrent_referrals_for_the_same_children_count_each_child_once(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        // Ten agencies' referrals for one pair of siblings at once, half naming them in the other order.
        var agencies = new[] { "SCH-DERBY-MOOR", "POLICE-DERBYSHIRE", "GP-OSMASTON", "HV-DERBY-CITY", "HOUSING-DERBY" };
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var form = i % 2 == 0 ? Forms.Siblings("Ada", "Same") : Forms.Siblings("Ada", "Same") with { Children = [.. Forms.Siblings("Ada", "Same").Children!.Reverse()] };
            var response = await app.As(Roles.Referrer, agencies[i % agencies.Length], userId: $"referrer-{i}").PostJson("/v1/referrals", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }));

        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
        double? Figure(Breakdown breakdown, string group, string figure) =>
            report.Rows.Single(r => r.Section == "volume" && r.Breakdown == breakdown && r.Group == group && r.Figure == figure).ThisFortnight.Value;
        Assert.Equal((20.0, 10.0, 2.0), (Figure(Breakdown.None, "all", "contacts"), Figure(Breakdown.None, "all", "formsReceived"), Figure(Breakdown.None, "all", "children")));
        Assert.All(agencies, agency => Assert.Equal(2.0, Figure(Breakdown.Agency, agency, "children")));
        await AssertReportEqualsFiguresFromContacts(app, Roles.Manager, "2026-11-23");
    }

    private static async Task AssertReportEqualsFiguresFromContacts(ReferralsApp app, string role, string fortnight)
    {
        var client = app.As(role);
        var report = await (await client.GetAsync($"/v1/metrics/fortnightly-report?fortnight={fortnight}")).Read<FortnightlyReport.Report>();
        var spans = new[] { report.Fortnight, report.PreviousFortnight, report.YearEarlier };
        var checkedRows = 0;
        // Overdue now is a count as at the report, not of any fortnight: the same as the timeliness figures give.
        var overdue = report.Rows.Single(r => r.Figure == "overdueNow");
        var timeliness = await (await client.GetAsync($"/v1/metrics/timeliness?from={report.Fortnight.Start:yyyy-MM-dd}&to={report.Fortnight.End:yyyy-MM-dd}"))
            .Read<ReadFigures.FiguresTable>();
        Assert.Equal(timeliness.OverdueNow, overdue.ThisFortnight);
        Assert.Equal((null, null), (overdue.PreviousFortnight.Value, overdue.YearEarlier.Value));

        foreach (var part in report.Rows.Where(r => r != overdue).GroupBy(r => (r.Section, r.Breakdown)))
        {
            var family = part.Key.Section switch { "volume" or "channels" => "volume", "babies" => "timeliness", var section => section };
            for (var i = 0; i < spans.Length; i++)
            {
                var query = $"/v1/metrics/{family}?from={spans[i].Start:yyyy-MM-dd}&to={spans[i].End:yyyy-MM-dd}&interval=fortnight" +
                    (part.Key.Breakdown == Breakdown.None ? "" : $"&breakdown={EnumWords.Of(part.Key.Breakdown)}");
                var period = (await (await client.GetAsync(query)).Read<ReadFigures.FiguresTable>()).Periods.Single();
                if (part.Key.Breakdown != Breakdown.None)
                    Assert.Subset(part.Select(r => r.Group).ToHashSet(), period.Groups.Select(g => g.Key).ToHashSet());
                foreach (var row in part)
                {
                    var figures = part.Key.Breakdown == Breakdown.None ? period.Total : period.Groups.FirstOrDefault(g => g.Key == row.Group)?.Figures;
                    var expected = figures?.GetValueOrDefault(row.Figure);
                    var actual = i switch { 0 => row.ThisFortnight, 1 => row.PreviousFortnight, _ => row.YearEarlier };
                    if (expected is null) Assert.True(actual.Value is null or 0.0 && !actual.Suppressed, $"{row} in {spans[i]}");
                    else Assert.True(expected == actual, $"{role}, {spans[i].Start}: {row.Section} {row.Group} {row.Figure}: {actual} from the fortnight totals, {expected} from the contacts");
                    checkedRows++;
                }
            }
        }
        Assert.True(checkedRows > 100, $"only {checkedRows} figures compared");
        // Enough history that the comparison means something in each fortnight (the current one has only begun).
        var contacts = report.Rows.Single(r => r.Section == "volume" && r.Breakdown == Breakdown.None && r.Figure == "contacts");
        Assert.True(role == Roles.Analyst || fortnight == "2026-11-23" || (contacts.PreviousFortnight.Value > 10 && contacts.YearEarlier.Value > 10), contacts.ToString());
    }

    private static async Task<List<string>> ChildrenRows(ReferralsDbContext db) =>
        (await db.FortnightChildren.AsNoTracking().ToListAsync())
        .Select(c => $"{c.Fortnight:yyyy-MM-dd} {c.Breakdown} {c.GroupKey} {c.ChildKey}").Order(StringComparer.Ordinal).ToList();

    /// <summary>Every totals row with anything in it, as text, in key order.</summary>
    private static async Task<List<string>> TotalsRows(ReferralsDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "FortnightFigures" ORDER BY "Fortnight", "AgencyCode", "AgencyType", "Channel", "Outcome" """;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var counts = Enumerable.Range(5, reader.FieldCount - 5).Select(i => reader.GetInt32(i)).ToList();
            if (counts.Any(c => c != 0))
                rows.Add($"{reader.GetFieldValue<DateOnly>(0):yyyy-MM-dd} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)} {reader.GetString(4)}: {string.Join(",", counts)}");
        }
        return rows;
    }
}
