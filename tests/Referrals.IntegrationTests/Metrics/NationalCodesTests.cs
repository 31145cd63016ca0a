using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Referrals.Api.Features.Metrics;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>Stored referrals re-coded to the census's codes by the NationalCodes migration, nothing lost, on both engines.</summary>
public sealed class NationalCodesTests
{
    private const string Week = "/v1/metrics/volume?from=2026-11-23&to=2026-11-29&interval=week&breakdown=";

    private static async Task<Dictionary<string, double>> Contacts(ReferralsApp app, string breakdown)
    {
        var table = await (await app.As(Roles.Manager).GetAsync(Week + breakdown)).Read<ReadFigures.FiguresTable>();
        var period = table.Periods.Single();
        return period.Groups.ToDictionary(g => g.Key, g => g.Figures["contacts"].Value!.Value)
            .Append(new("total", period.Total["contacts"].Value!.Value)).ToDictionary();
    }

    /// <summary>The kept totals worked out again from the contacts as they now stand.</summary>
    private static async Task Retotal(ReferralsApp app)
    {
        await using var db = app.Db(); // a context of its own: one that changed rows behind its own tracking would read them as they were
        await FortnightTotals.RebuildAsync(db, app.Services.GetRequiredService<MetricsOptions>().FortnightAnchor, CancellationToken.None);
    }

    private static async Task Submit(ReferralsApp app, string agency, params string[] categories) =>
        await (await app.As(Roles.Referrer, agency).PostJson("/v1/referrals", Forms.Siblings() with
        {
            Concern = Forms.Siblings().Concern! with { Categories = categories },
        })).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);

    [Theory, OnSqlite, OnPostgres]
    public async Task A_database_written_with_the_old_codes_is_re_coded_and_every_figure_is_kept_by_code(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await Submit(app, "SCH-DERBY-MOOR", "physical-abuse-by-adult", "neglect");
        await Submit(app, "YOS-DERBY", "private-fostering-other", "physical-abuse-by-child");
        await Submit(app, "EH-DERBY-CITY", "neglect");
        await Submit(app, "POLICE-DERBYSHIRE", "domestic-abuse-parent", "physical-abuse-by-adult");
        await using (var db = app.Db())
        {
            // As the service stored them before: the retired category codes, and youth offending and early help as 7 and 5D.
            foreach (var (now, was) in new[] { ("physical-abuse-by-adult", "physical-abuse"), ("private-fostering-other", "private-fostering") })
            {
                await db.ReferralConcerns.Where(c => c.CategoryCode == now).ExecuteUpdateAsync(u => u.SetProperty(c => c.CategoryCode, was));
                foreach (var fact in await db.ContactFacts.Where(f => f.ConcernCategories.Contains(now)).ToListAsync())
                    fact.ConcernCategories = string.Join(',', fact.ConcernCategories.Split(',').Select(c => c == now ? was : c).Order(StringComparer.Ordinal));
                await db.SaveChangesAsync();
            }
            await db.ContactFacts.Where(f => f.AgencyType == AgencyType.YouthOffending).ExecuteUpdateAsync(u => u.SetProperty(f => f.SourceCode, "7"));
            await db.ContactFacts.Where(f => f.AgencyType == AgencyType.EarlyHelp).ExecuteUpdateAsync(u => u.SetProperty(f => f.SourceCode, "5D"));
            await Retotal(app); // and the totals as they stood with them
        }
        var categoriesBefore = await Contacts(app, "concern-category");
        var sourcesBefore = await Contacts(app, "referral-source");
        Assert.Equal((4.0, 4.0), (categoriesBefore["physical-abuse"], sourcesBefore["5D"] + sourcesBefore["7"]));

        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261130160000_NationalCodes'""");
            await db.GetService<IMigrator>().MigrateAsync();
            await Retotal(app); // as the start after the later PeriodFigures migration does
            Assert.Empty(await db.ReferralConcerns.Where(c => c.CategoryCode == "physical-abuse" || c.CategoryCode == "private-fostering").ToListAsync());
            Assert.All(await db.ContactFacts.Select(f => f.ConcernCategories).ToListAsync(),
                codes => Assert.All(codes.Split(','), code => Assert.True(ConcernCategories.IsKnown(code), code)));
        }
        var categoriesAfter = await Contacts(app, "concern-category");
        var sourcesAfter = await Contacts(app, "referral-source");

        // Every figure, by code: the retired codes' counts are under the codes that replace them, the rest unchanged.
        var categoriesExpected = categoriesBefore.ToDictionary(
            g => g.Key switch { "physical-abuse" => "physical-abuse-by-adult", "private-fostering" => "private-fostering-other", var key => key },
            g => g.Value);
        Assert.Equal(categoriesExpected.OrderBy(g => g.Key), categoriesAfter.OrderBy(g => g.Key));
        var sourcesExpected = sourcesBefore.GroupBy(g => g.Key is "7" or "5D" ? "5B" : g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        Assert.Equal(sourcesExpected.OrderBy(g => g.Key), sourcesAfter.OrderBy(g => g.Key));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_retired_category_is_refused_naming_the_codes_that_replace_it_and_an_unknown_source_is_coded_10(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var form = Forms.Siblings() with { Concern = Forms.Siblings().Concern! with { Categories = ["physical-abuse"] } };
        var problem = await (await app.As(Roles.Referrer, "SCH-DERBY-MOOR").PostJson("/v1/referrals", form)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("physical-abuse-by-adult", problem.GetProperty("errors").GetProperty("concern.categories[0]")[0].GetString());

        var unknown = Forms.ByPhone("SOURCE-UNKNOWN") with { Referrer = new() { Name = "A caller who would not say who they are" } };
        var ack = await (await app.As(Roles.Practitioner).PostJson("/v1/referrals", unknown)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal("10", ack.Agency.ReferralSourceCode);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task An_agency_the_council_re_types_takes_its_history_with_it_at_the_next_start(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await Submit(app, "LA-ADULT-SOCIAL-CARE", "mental-health-parent");
        await using (var db = app.Db())
            // As it was when the directory typed adult social care as another internal department.
            await db.ContactFacts.Where(f => f.AgencyCode == "LA-ADULT-SOCIAL-CARE").ExecuteUpdateAsync(u => u
                .SetProperty(f => f.AgencyType, AgencyType.OtherInternal).SetProperty(f => f.SourceCode, "5B"));
        await using (var db = app.Db())
            await FortnightTotals.RebuildAsync(db, app.Services.GetRequiredService<MetricsOptions>().FortnightAnchor, CancellationToken.None);
        Assert.Equal(2.0, (await Contacts(app, "referral-source"))["5B"]);

        await ContactFactsBackfill.RunAsync(app.Services);

        Assert.Equal(2.0, (await Contacts(app, "referral-source"))["5A"]);
        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
        Assert.Equal(2.0, report.Rows.Single(r => r is { Section: "volume", Breakdown: Breakdown.AgencyType, Group: "local-authority-social-care", Figure: "contacts" })
            .ThisFortnight.Value);
        Assert.DoesNotContain(report.Rows, r => r is { Breakdown: Breakdown.AgencyType, Group: "other-internal" } && r.ThisFortnight.Value > 0);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Each_agency_names_its_council_area_and_the_figures_break_down_by_it_filled_in_at_the_start_after_the_upgrade(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await Submit(app, "SCH-DERBY-MOOR", "neglect");
        await Submit(app, "SCH-CHESTERFIELD-BRAMPTON", "neglect");
        await Submit(app, "POLICE-DERBYSHIRE", "neglect");
        Assert.Equal((2.0, 2.0, 2.0, 6.0), await Areas());

        await using (var db = app.Db())
        {
            await db.ContactFacts.ExecuteUpdateAsync(u => u.SetProperty(f => f.Area, "")); // as the upgrade leaves them
            await Retotal(app);
        }
        Assert.Equal(6.0, (await Contacts(app, "area"))["unknown"]);
        await ContactFactsBackfill.RunAsync(app.Services);
        Assert.Equal((2.0, 2.0, 2.0, 6.0), await Areas());

        var agencies = await (await app.As(Roles.Analyst).GetAsync("/v1/reference-data/agencies")).Read<List<Api.Features.ReferenceData.ReferenceData.AgencyEntry>>();
        Assert.Equal("Derbyshire", agencies.Single(a => a.Code == "SCH-CHESTERFIELD-BRAMPTON").Area);

        async Task<(double, double, double, double)> Areas()
        {
            var areas = await Contacts(app, "area");
            return (areas["Derby City"], areas["Derbyshire"], areas["Derby City and Derbyshire"], areas["total"]);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Ethnicity_stored_as_free_text_is_re_coded_to_the_census_and_the_lists_are_served(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        for (var i = 0; i < 4; i++) await Submit(app, "SCH-DERBY-MOOR", "neglect");
        await using (var db = app.Db())
        {
            var facts = await db.ContactFacts.OrderBy(f => f.ContactId).ToListAsync();
            string?[] before = ["white british", "Mixed", "Not known", " ", "WIRT", "Gypsy/Roma", "", null];
            for (var i = 0; i < facts.Count; i++) facts[i].Ethnicity = before[i];
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261130190000_CensusEthnicity'""");
            await db.GetService<IMigrator>().MigrateAsync();
        }
        await using (var db = app.Db())
            Assert.Equal(["WBRI", "NOBT", "NOBT", null, "WIRT", "WROM", null, null],
                await db.ContactFacts.OrderBy(f => f.ContactId).Select(f => f.Ethnicity).ToListAsync());

        var analyst = app.As(Roles.Analyst);
        Assert.Equal(20, (await (await analyst.GetAsync("/v1/reference-data/ethnicities")).Read<List<Api.Features.ReferenceData.ReferenceData.CensusEntry>>()).Count);
        Assert.Contains(await (await analyst.GetAsync("/v1/reference-data/disabilities")).Read<List<Api.Features.ReferenceData.ReferenceData.CensusEntry>>(),
            d => d is { Code: "AUT", Name: "Autism" });
        Assert.Contains(await (await analyst.GetAsync("/v1/reference-data/genders")).Read<List<Api.Features.ReferenceData.ReferenceData.CensusEntry>>(),
            g => g is { Code: "indeterminate", CensusCode: "9" });
    }
}
