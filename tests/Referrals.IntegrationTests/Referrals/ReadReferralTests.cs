using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Common;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Referrals;

namespace Referrals.IntegrationTests.Referrals;

public sealed class ReadReferralTests(Apps apps) : IClassFixture<Apps>
{
    private const string School = "SCH-DERBY-MOOR";
    private const string Police = "POLICE-DERBYSHIRE";

    private static async Task<SubmitReferral.Acknowledgement> Submit(ReferralsApp app, ReferralForm form, string agency = School) =>
        await (await app.As(Roles.Referrer, agency, "Jo Bloggs").PostJson("/v1/referrals", form)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);

    [Theory, OnSqlite, OnPostgres]
    public async Task Referrer_reads_its_referral_and_the_exact_copy_it_submitted(Engine engine)
    {
        var app = apps.For(engine);
        var form = Forms.Siblings() with { DomesticAbuse = new() { RiskLevel = DomesticAbuseRisk.High, ChildrenPresent = Answer.Yes, MaracReferralMade = Answer.NotKnown } };
        var ack = await Submit(app, form);
        var client = app.As(Roles.Referrer, School);

        var response = await client.GetAsync($"/v1/referrals/{ack.Id}");
        var detail = await response.Read<GetReferral.ReferralDetail>();
        Assert.Equal(ack.Reference, detail.Reference);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equivalent(ack.Quality, detail.Quality, strict: true);

        var copy = await (await client.GetAsync($"/v1/referrals/{ack.Id}/submission")).Read<GetSubmission.SubmissionCopy>();
        Assert.Equal(ack.Reference, copy.Reference);
        Assert.Equal(ack.ReceivedAt, copy.ReceivedAt);
        Assert.Equal(JsonSerializer.Serialize(form, Json.Options), JsonSerializer.Serialize(copy.Form, Json.Options));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Police_officer_cannot_see_a_schools_referral(Engine engine)
    {
        var app = apps.For(engine);
        var ack = await Submit(app, Forms.Siblings("Secret", "Child"));
        var police = app.As(Roles.Referrer, Police);

        await (await police.GetAsync($"/v1/referrals/{ack.Id}")).Problem(HttpStatusCode.NotFound);
        await (await police.GetAsync($"/v1/referrals/{ack.Id}/submission")).Problem(HttpStatusCode.NotFound);
        await (await police.PostJson($"/v1/referrals/{ack.Id}/withdraw", new WithdrawReferral.Body("mine now"))).Problem(HttpStatusCode.NotFound);
        var page = await (await police.GetAsync("/v1/referrals?childName=secret&limit=100")).Read<ListReferrals.Page>();
        Assert.DoesNotContain(page.Items, i => i.Id == ack.Id);

        // Another agency's referral answers exactly as one that does not exist.
        var missing = await (await police.GetAsync($"/v1/referrals/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
        var hidden = await (await police.GetAsync($"/v1/referrals/{ack.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task First_contact_team_sees_every_agencys_referrals(Engine engine)
    {
        var app = apps.For(engine);
        var school = await Submit(app, Forms.Siblings());
        var police = await Submit(app, Forms.Siblings(), Police);
        foreach (var role in Roles.FirstContactTeam)
        {
            var client = app.As(role);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/referrals/{school.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/referrals/{police.Id}/submission")).StatusCode);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Analysts_and_auditors_read_no_referrals(Engine engine)
    {
        var app = apps.For(engine);
        var ack = await Submit(app, Forms.Siblings());
        foreach (var role in new[] { Roles.Analyst, Roles.Auditor })
        {
            var client = app.As(role);
            await (await client.GetAsync("/v1/referrals")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/v1/referrals/{ack.Id}")).Problem(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/v1/referrals/{ack.Id}/submission")).Problem(HttpStatusCode.Forbidden);
        }
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task List_filters_by_child_name_status_and_date_and_pages_with_a_cursor(Engine engine)
    {
        var app = apps.For(engine);
        var surname = "Pager" + Guid.NewGuid().ToString("N")[..6];
        var made = new List<SubmitReferral.Acknowledgement>();
        for (var i = 0; i < 5; i++)
        {
            made.Add(await Submit(app, Forms.Siblings("Kit", surname)));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var practitioner = app.As(Roles.Practitioner);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var url = $"/v1/referrals?childName={surname.ToUpperInvariant()}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await practitioner.GetAsync(url)).Read<ListReferrals.Page>();
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(made.Select(m => m.Id).Reverse(), seen); // newest first, each once

        await (await app.As(Roles.Referrer, School).PostJson($"/v1/referrals/{made[0].Id}/withdraw", new WithdrawReferral.Body("Sent in error."))).Read<GetReferral.ReferralDetail>();
        var withdrawn = await (await practitioner.GetAsync($"/v1/referrals?childName={surname}&status=withdrawn")).Read<ListReferrals.Page>();
        Assert.Equal([made[0].Id], withdrawn.Items.Select(i => i.Id));

        var tomorrow = await (await practitioner.GetAsync($"/v1/referrals?childName={surname}&from=2026-11-25")).Read<ListReferrals.Page>();
        Assert.Empty(tomorrow.Items);
        var today = await (await practitioner.GetAsync($"/v1/referrals?childName={surname}&from=2026-11-24&to=2026-11-24")).Read<ListReferrals.Page>();
        Assert.Equal(5, today.Items.Count);
        Assert.All(today.Items, i => Assert.Equal([$"Kit {surname}", $"Ben {surname}"], i.Children));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Bad_list_parameters_are_named(Engine engine)
    {
        var client = apps.For(engine).As(Roles.Practitioner);
        var problem = await (await client.GetAsync("/v1/referrals?status=lost&limit=500&cursor=nonsense&from=2026-11-25&to=2026-11-24")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cursor", "limit", "status", "to"], problem.ErrorFields().Order());
        var unreadable = await (await client.GetAsync("/v1/referrals?limit=many")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["limit"], unreadable.ErrorFields());
        await (await client.GetAsync("/v1/referrals/not-a-guid")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(["to"], (await (await client.GetAsync("/v1/referrals?to=9999-12-31")).Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_read_and_write_is_audited_and_auditors_read_the_trail(Engine engine)
    {
        var app = apps.For(engine);
        var ack = await Submit(app, Forms.Siblings());
        await app.As(Roles.Practitioner, name: "Pat Practitioner", userId: "pat").GetAsync($"/v1/referrals/{ack.Id}");
        await app.As(Roles.Referrer, School).GetAsync($"/v1/referrals/{ack.Id}/submission");
        await app.As(Roles.Manager, userId: "max").GetAsync($"/v1/referrals?limit=100");
        await app.As(Roles.Referrer, School).PostJson($"/v1/referrals/{ack.Id}/withdraw", new WithdrawReferral.Body("Duplicate of a phone call."));

        var trail = await (await app.As(Roles.Auditor).GetAsync($"/v1/referrals/{ack.Id}/audit")).Read<List<ReadAuditTrail.Entry>>();
        Assert.Equal([AuditActions.Submitted, AuditActions.Read, AuditActions.SubmissionRead, AuditActions.Listed, AuditActions.Withdrawn], trail.Select(e => e.Action));
        Assert.Equal(("pat", "Pat Practitioner", "practitioner", (string?)null), (trail[1].UserId, trail[1].UserName, trail[1].Role, trail[1].AgencyCode));
        Assert.Equal(School, trail[0].AgencyCode);
        Assert.All(trail, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
        Assert.All(trail, e => Assert.Equal(TestClock.TuesdayMorning, e.At));

        // Reading the trail is a read of the child's record too: the next reader sees who looked.
        var again = await (await app.As(Roles.Auditor, userId: "ig-officer").GetAsync($"/v1/referrals/{ack.Id}/audit")).Read<List<ReadAuditTrail.Entry>>();
        Assert.Equal(AuditActions.AuditTrailRead, again[^1].Action);
        Assert.Equal(Roles.Auditor, again[^1].Role);
        var third = await (await app.As(Roles.Auditor).GetAsync($"/v1/referrals/{ack.Id}/audit")).Read<List<ReadAuditTrail.Entry>>();
        Assert.Equal((AuditActions.AuditTrailRead, "ig-officer"), (third[^1].Action, third[^1].UserId));

        foreach (var role in new[] { Roles.Referrer, Roles.Practitioner, Roles.Manager, Roles.Analyst })
            await (await app.As(role, role == Roles.Referrer ? School : null).GetAsync($"/v1/referrals/{ack.Id}/audit")).Problem(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Auditor).GetAsync($"/v1/referrals/{Guid.NewGuid()}/audit")).Problem(HttpStatusCode.NotFound);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Audit_entries_cannot_be_changed_or_removed(Engine engine)
    {
        var app = apps.For(engine);
        var ack = await Submit(app, Forms.Siblings());
        await using var db = app.Db();
        var entry = await db.AuditEntries.FirstAsync(a => a.ReferralId == ack.Id);
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
