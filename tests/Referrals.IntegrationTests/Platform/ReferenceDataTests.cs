using Referrals.Api.Features.ReferenceData;

namespace Referrals.IntegrationTests.Platform;

public sealed class ReferenceDataTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Agencies_carry_their_type_source_code_and_locality(Engine engine)
    {
        var agencies = await (await apps.For(engine).As(Roles.Analyst).GetAsync("/v1/reference-data/agencies")).Read<List<ReferenceData.AgencyEntry>>();
        var police = agencies.Single(a => a.Code == "POLICE-DERBYSHIRE");
        Assert.Equal((AgencyType.Police, "6", "POLICE", true), (police.Type, police.ReferralSourceCode, police.ReferralSourceLabel, police.Active));
        Assert.False(agencies.Single(a => a.Code == "SCH-CLOSED-ACADEMY").Active);
        foreach (var type in new[] { AgencyType.School, AgencyType.GpPractice, AgencyType.HealthVisiting, AgencyType.EmergencyDepartment, AgencyType.Police, AgencyType.Probation, AgencyType.YouthOffending, AgencyType.Housing, AgencyType.EarlyHelp, AgencyType.VoluntarySector,
                     AgencyType.LocalAuthoritySocialCare, AgencyType.Court, AgencyType.Cafcass, AgencyType.Prison, AgencyType.Immigration,
                     AgencyType.ChildrensCentre, AgencyType.IndependentProvider, AgencyType.Unknown })
            Assert.Contains(agencies, a => a.Type == type && a.Active);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_list_a_client_needs_is_served_to_every_role(Engine engine)
    {
        var app = apps.For(engine);
        foreach (var role in Roles.All)
        {
            var client = app.As(role, role == Roles.Referrer ? "GP-OSMASTON" : null);
            var categories = await (await client.GetAsync("/v1/reference-data/concern-categories")).Read<List<ReferenceData.ConcernCategoryEntry>>();
            Assert.Contains(categories, c => c is { Code: "neglect", CensusFactor: "16A" });
            Assert.Contains(categories, c => c is { Code: "radicalisation", Local: true });
            Assert.Equal([1, 2, 3, 4], (await (await client.GetAsync("/v1/reference-data/levels-of-need")).Read<List<ReferenceData.LevelOfNeedEntry>>()).Select(l => l.Level));
            Assert.Equal(["low", "medium", "high", "not-known"], (await (await client.GetAsync("/v1/reference-data/risk-levels")).Read<List<ReferenceData.CodeEntry>>()).Select(l => l.Code));
            Assert.Equal(["electronic-form", "phone", "email", "in-person"], (await (await client.GetAsync("/v1/reference-data/channels")).Read<List<ReferenceData.CodeEntry>>()).Select(l => l.Code));
            var rubric = await (await client.GetAsync("/v1/reference-data/quality-rubric")).Read<ReferenceData.RubricEntry>();
            Assert.Equal((QualityRubric.Version, 100), (rubric.Version, rubric.MaximumScore));
            // The rules themselves are published, so a referrer can see what earns each element's points.
            Assert.All(rubric.Elements, e => Assert.NotEmpty(e.Rules));
            Assert.Contains(rubric.Elements.Single(e => e.Code == "what-happened").Rules, r => r is { Code: "vague-worry", Points: < 0 });
            Assert.Equal([QualityRating.Good, QualityRating.Adequate, QualityRating.Poor], rubric.Bands.Select(b => b.Band));
            Assert.Equal(["2026.1"], rubric.EarlierVersions.Select(v => v.Code));
        }
    }

    [Fact]
    public async Task A_council_can_change_agencies_in_configuration()
    {
        using var app = new ReferralsApp(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["Agencies:0:Code"] = "SCH-DERBY-MOOR",
            ["Agencies:0:Active"] = "false",
        });
        await (await app.As(Roles.Referrer, "SCH-DERBY-MOOR").GetAsync("/v1/reference-data/agencies")).Problem(HttpStatusCode.Forbidden);
    }
}
