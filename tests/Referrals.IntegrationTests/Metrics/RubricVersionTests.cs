using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Referrals.Api.Features.Metrics;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Metrics;

/// <summary>
/// Rubric version 2 beside version 1: referrals scored by version 1 keep their score and version through the upgrade,
/// figures average each version apart, and the band is set beside the practitioners' ratings.
/// </summary>
public sealed class RubricVersionTests
{
    /// <summary>What version 2's migration adds, taken away again to stand for a database written before it.</summary>
    private static readonly (string Table, string Column)[] AddedByVersionTwo =
    [
        ("Referrals", "ConsentToBeSought"), ("ContactFacts", "RubricVersion"),
        .. new[] { "ScoredWithCurrentRubric", "CurrentRubricScoreTotal" }
            .Concat(Tally.Names.Where(n => n.StartsWith("Band", StringComparison.Ordinal))).Select(c => ("FortnightFigures", c)),
    ];

    private const string FirstVersionQuality = """
        {"score":100,"rubricVersion":"2026.1","findings":[{"code":"child-identifiers","name":"Identifiers that let each child be found",
        "weight":15,"met":true},{"code":"childs-voice","name":"The child's voice","weight":15,"met":true}]}
        """;

    [Theory, OnSqlite, OnPostgres]
    public async Task A_referral_scored_by_version_1_keeps_its_score_through_the_upgrade_and_is_counted_apart(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var first = await Submit(app);
        var second = await Submit(app);
        await using (var db = app.Db())
        {
            // As version 1 left it: its score and findings, in a database as it was before version 2's migration
            // (columns dropped in SQL both engines speak: SQLite 3.35 and later drops columns, EF Core's SQLite migrations do not).
            await db.Referrals.Where(r => r.Id == first.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.RubricVersion, "2026.1").SetProperty(r => r.QualityScore, 100).SetProperty(r => r.QualityJson, FirstVersionQuality));
            await db.ContactFacts.Where(f => f.ReferralId == first.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.QualityScore, 100));
            foreach (var (table, column) in AddedByVersionTwo)
            {
                // Names, which SQL cannot take as parameters, from the list above: nothing from outside the test.
                var drop = $"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\"";
                await db.Database.ExecuteSqlRawAsync(drop);
            }
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261130150000_QualityRubricTwo'""");
            await db.GetService<IMigrator>().MigrateAsync();
        }
        await using (var db = app.Db())
        {
            Assert.Equal(["2026.1", "2026.1"], await db.ContactFacts.Where(f => f.ReferralId == first.Id).Select(f => f.RubricVersion).ToListAsync());
            // The upgrade starts the new counts at 0, right for a database of version 1 referrals; this one also holds a
            // referral scored by version 2 before its columns were taken away and put back, so the totals are worked out again.
            await FortnightTotals.RebuildAsync(db, app.Services.GetRequiredService<MetricsOptions>().FortnightAnchor, CancellationToken.None);
        }

        var kept = await Read(app.As(Roles.Practitioner), first.Id);
        Assert.Equal((100, "2026.1", null), (kept.Quality.Score, kept.Quality.RubricVersion, kept.Quality.Band));
        Assert.Equal(2, kept.Quality.Findings.Count);

        var quality = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/quality?from=2026-11-23&to=2026-11-29&interval=week"))
            .Read<ReadFigures.FiguresTable>();
        var total = quality.Periods.Single().Total;
        Assert.Equal((2.0, 1.0, 1.0), (total["formsReceived"].Value, total["scoredWithCurrentRubric"].Value, total["scoredWithEarlierRubric"].Value));
        Assert.Equal((second.Quality.Score, 100.0), (total["averageQualityScore"].Value, total["averageQualityScoreEarlierRubric"].Value));
        Assert.Contains("version " + QualityRubric.Version, quality.Definitions);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_figures_and_the_fortnightly_report_say_how_far_the_band_agrees_with_the_practitioners_overall_and_by_agency(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        var practitioner = app.As(Roles.Practitioner);
        var good = await Submit(app); // two children, each rated good: band good
        Assert.Equal(QualityRating.Good, good.Quality.Band);
        good = await Take(practitioner, good).Ok();
        good = await Decide(practitioner, good, 0, Assessment).Ok();
        good = await Decide(practitioner, good, 1, Assessment).Ok();

        var thin = await Submit(app, Forms.Siblings() with
        {
            Children = [Forms.Child("Cal", "Sample", nhs: Forms.NhsNumber(71))],
            Household = [],
            Concern = new() { Categories = ["neglect"], WhatHappened = "We have had concerns for some time; mum is struggling." },
        });
        Assert.Equal(QualityRating.Poor, thin.Quality.Band);
        thin = await Take(practitioner, thin).Ok();
        await Decide(practitioner, thin, 0, EarlyHelp).Ok(); // rated adequate: the band is below the rating

        var figures = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/quality?from=2026-11-23&to=2026-11-29&interval=week&breakdown=agency"))
            .Read<ReadFigures.FiguresTable>();
        var total = figures.Periods.Single().Total;
        Assert.Equal((3.0, 66.7, 0.0, 1.0), (total["bandRated"].Value, total["bandAgreementPercent"].Value, total["bandAboveRating"].Value,
            total["bandBelowRating"].Value));
        // Bands: poor once, good twice; ratings: adequate once, good twice. They rise together.
        Assert.Equal(1.0, total["bandRankCorrelation"].Value);
        Assert.Equal(66.7, figures.Periods.Single().Groups.Single(g => g.Key == School).Figures["bandAgreementPercent"].Value);

        var report = await (await app.As(Roles.Manager).GetAsync("/v1/metrics/fortnightly-report?fortnight=2026-11-23")).Read<FortnightlyReport.Report>();
        Assert.Equal(66.7, report.Rows.Single(r => r is { Section: "quality", Breakdown: Breakdown.None, Figure: "bandAgreementPercent" }).ThisFortnight.Value);
        Assert.Equal(1.0, report.Rows.Single(r => r is { Section: "quality", Breakdown: Breakdown.Agency, Group: School, Figure: "bandRankCorrelation" })
            .ThisFortnight.Value);
    }
}
