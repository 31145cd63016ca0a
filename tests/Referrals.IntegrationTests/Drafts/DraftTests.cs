using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Referrals;
using static Referrals.IntegrationTests.Drafts.Drafting;

namespace Referrals.IntegrationTests.Drafts;

public sealed class DraftTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task A_partner_starts_a_draft_saves_it_as_she_goes_and_resumes_it_later(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-resume-{engine}");
        var started = await Start(lead);
        Assert.Equal(1, started.Version);
        Assert.Contains(started.ToSubmit, p => p.Field == "children");
        Assert.Contains(started.ToSubmit, p => p.Field == "concern");

        var form = new ReferralForm { Children = [Forms.Child("Dora", "Draftly")] };
        var saved = await (await Save(lead, started, form)).Read<DraftDetail>();
        Assert.Equal(2, saved.Version);
        Assert.Equal("Dora", saved.Form.Children![0].FirstName);

        // The next morning, in another session (a new token): the same draft, as she left it, with what it still needs.
        app.Clock.Advance(TimeSpan.FromHours(16));
        var tomorrow = Lead(app, $"dsl-resume-{engine}");
        var list = await (await tomorrow.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>();
        var listed = Assert.Single(list.Items);
        Assert.Equal("Dora Draftly", listed.Children);
        var response = await tomorrow.GetAsync($"/v1/drafts/{started.Id}");
        var resumed = await response.Read<DraftDetail>();
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(saved.Form, global::Referrals.Api.Common.Json.Options),
            System.Text.Json.JsonSerializer.Serialize(resumed.Form, global::Referrals.Api.Common.Json.Options));
        Assert.DoesNotContain(resumed.ToSubmit, p => p.Field == "children");
        Assert.Contains(resumed.ToSubmit, p => p.Field == "concern");
        Assert.True(resumed.Quality.Score < 40);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_draft_is_seen_by_its_author_alone(Engine engine)
    {
        var app = apps.For(engine);
        var draft = await Start(Lead(app, $"dsl-alone-{engine}"), new ReferralForm { Children = [Forms.Child("Ena", "Private")] });
        // A colleague at the same school, the First Contact Team and another agency: none of them can find it.
        foreach (var other in new[]
                 {
                     Lead(app, $"deputy-{engine}"), app.As(Roles.Practitioner), app.As(Roles.Manager),
                     app.As(Roles.Referrer, "POLICE-DERBYSHIRE"),
                 })
        {
            await (await other.GetAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.NotFound);
            await (await Save(other, draft, new ReferralForm())).Problem(HttpStatusCode.NotFound);
            await (await Submit(other, draft.Id, draft.Version)).Problem(HttpStatusCode.NotFound);
            await (await Upload(other, draft.Id, Pdf(), "a.pdf")).Problem(HttpStatusCode.NotFound);
            await (await other.DeleteAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.NotFound);
            var theirs = await (await other.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>();
            Assert.DoesNotContain(theirs.Items, d => d.Id == draft.Id);
        }
        // Analysts and auditors have no drafts at all.
        foreach (var role in new[] { Roles.Analyst, Roles.Auditor })
            await (await app.As(role).GetAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.Forbidden);
        await (await Lead(app, $"dsl-alone-{engine}").GetAsync($"/v1/drafts/{draft.Id}")).Read<DraftDetail>();
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_wrong_value_is_refused_naming_the_field_and_a_missing_one_is_not(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-wrong-{engine}");
        var draft = await Start(lead);
        var wrong = new ReferralForm { Children = [new ChildDetails { FirstName = "Fay", NhsNumber = "1234567890", DateOfBirth = new DateOnly(2030, 1, 1) }] };

        var problem = await (await Save(lead, draft, wrong)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["children[0].dateOfBirth", "children[0].nhsNumber"], problem.ErrorFields().Order());
        var unchanged = await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Read<DraftDetail>();
        Assert.Equal(1, unchanged.Version);
        Assert.Null(unchanged.Form.Children);
        await (await lead.PostJson("/v1/drafts", wrong)).Problem(HttpStatusCode.UnprocessableEntity);

        // A child with nothing known yet, an adult without a name, no concern: all fine in a draft.
        var gaps = new ReferralForm { Children = [new ChildDetails()], Household = [new SignificantAdult()] };
        var saved = await (await Save(lead, draft, gaps)).Read<DraftDetail>();
        Assert.Contains(saved.ToSubmit, p => p.Field == "children[0].firstName");
        Assert.Contains(saved.ToSubmit, p => p.Field == "household[0].name");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_save_from_a_stale_copy_is_detected_not_overwritten(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-stale-{engine}");
        var draft = await Start(lead);
        await (await Save(lead, draft, new ReferralForm { Children = [Forms.Child("Gil", "First")] })).Read<DraftDetail>();

        // The same draft open in a second tab, still at version 1.
        await (await Save(lead, draft, new ReferralForm { Children = [Forms.Child("Gil", "Second")] })).Problem(HttpStatusCode.PreconditionFailed);
        await (await Save(lead, draft, new ReferralForm(), ifMatch: null)).Problem(HttpStatusCode.PreconditionRequired);
        await (await Submit(lead, draft.Id, 1)).Problem(HttpStatusCode.PreconditionFailed);
        var kept = await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Read<DraftDetail>();
        Assert.Equal("First", kept.Form.Children![0].LastName);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Submitting_a_draft_makes_the_referral_with_its_documents_and_deletes_the_draft(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-submit-{engine}");
        var draft = await Start(lead, new ReferralForm { Children = [Forms.Child("Hal", "Sent")] });
        var pdf = Pdf(5000);
        var attached = await Attach(lead, draft.Id, pdf, "Early help assessment.pdf");

        // Not ready: what it needs is said, and the draft stays as it was.
        var notReady = await (await Submit(lead, draft.Id, draft.Version)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("concern", notReady.ErrorFields());
        draft = await (await Save(lead, draft, Forms.Siblings("Hal", "Sent"))).Read<DraftDetail>();
        Assert.Empty(draft.ToSubmit);

        var response = await Submit(lead, draft.Id, draft.Version);
        var acknowledgement = await response.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        Assert.Equal($"/v1/referrals/{acknowledgement.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(draft.Quality.Score, acknowledgement.Quality.Score);
        await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await lead.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>()).Items, d => d.Id == draft.Id);

        // A retry after a lost answer gets the same referral, and makes no second one.
        var again = await Submit(lead, draft.Id, draft.Version);
        Assert.Equal(acknowledgement.Id, (await again.Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created)).Id);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await using (var db = app.Db())
            Assert.Equal(1, await db.Referrals.CountAsync(r => r.Contacts.Any(c => c.FirstName == "Hal")));

        var copy = await (await lead.GetAsync($"/v1/referrals/{acknowledgement.Id}/submission")).Read<GetSubmission.SubmissionCopy>();
        var listed = Assert.Single(copy.Attachments);
        Assert.Equal((attached.Id, "Early help assessment.pdf", "application/pdf", 5000L), (listed.Id, listed.FileName, listed.MediaType, listed.Bytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), listed.Sha256);
        var page = await (await lead.GetAccepting($"/v1/referrals/{acknowledgement.Id}/submission", "text/html")).Content.ReadAsStringAsync();
        Assert.Contains("Early help assessment.pdf", page);
        var document = await lead.GetAsync($"/v1/referrals/{acknowledgement.Id}/attachments/{attached.Id}");
        Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Its_author_deletes_a_draft_with_its_documents(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-delete-{engine}");
        var draft = await Start(lead);
        var attached = await Attach(lead, draft.Id, Pdf(), "notes.pdf");

        await (await lead.SendJson<object?>(HttpMethod.Delete, $"/v1/drafts/{draft.Id}", null, "\"9\"")).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.SendJson<object?>(HttpMethod.Delete, $"/v1/drafts/{draft.Id}", null, "\"1\"")).StatusCode);
        await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.NotFound);
        await using var db = app.Db();
        Assert.False(await db.Attachments.AnyAsync(a => a.Id == attached.Id));
        Assert.False(await db.AttachmentChunks.AnyAsync(c => c.AttachmentId == attached.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_draft_left_unsaved_is_flagged_then_deleted_after_the_configured_days(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Drafts:KeepDays"] = "10", ["Drafts:WarnDays"] = "3" });
        var lead = Lead(app);
        var draft = await Start(lead, new ReferralForm { Children = [Forms.Child("Ivy", "Lapsed")] });
        var attached = await Attach(lead, draft.Id, Pdf(), "lapsed.pdf");
        Assert.Equal(TestClock.TuesdayMorning.AddDays(10), draft.ExpiresAt);
        Assert.False(draft.ExpiresSoon);

        app.Clock.Advance(TimeSpan.FromDays(7));
        lead = Lead(app);
        var warned = Assert.Single((await (await lead.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>()).Items);
        Assert.True(warned.ExpiresSoon);

        // Past its expiry it is gone to its author at once, and the sweep deletes it and its documents.
        app.Clock.Advance(TimeSpan.FromDays(3));
        lead = Lead(app);
        await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await lead.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>()).Items);
        // The service's own hourly sweep may have run as the clock moved; a sweep now finds whatever it left.
        await app.Services.GetRequiredService<ExpiredDrafts>().SweepAsync(CancellationToken.None);
        await using var db = app.Db();
        Assert.False(await db.Drafts.AnyAsync());
        Assert.False(await db.Attachments.AnyAsync(a => a.Id == attached.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.SubjectId == draft.Id && a.Action == AuditActions.DraftExpired));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Saving_again_keeps_a_draft_for_the_full_days_again(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-keep-{engine}");
        var draft = await Start(lead);
        app.Clock.Advance(TimeSpan.FromDays(20));
        var saved = await (await Save(Lead(app, $"dsl-keep-{engine}"), draft, new ReferralForm { Children = [Forms.Child("Jon", "Kept")] })).Read<DraftDetail>();
        Assert.Equal(TestClock.TuesdayMorning.AddDays(48), saved.ExpiresAt);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Drafts_count_in_no_figure(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var analyst = app.As(Roles.Analyst);
        var manager = app.As(Roles.Manager);
        string[] urls =
        [
            "/v1/metrics/volume?from=2026-11-09&to=2026-11-22", "/v1/metrics/quality?from=2026-11-09&to=2026-11-22",
            "/v1/metrics/volume?from=2026-11-23&to=2026-12-06",
            "/v1/metrics/fortnightly-report?fortnight=2026-11-09", "/v1/metrics/fortnightly-report?fortnight=2026-11-23",
        ];
        async Task<string[]> Figures() => await Task.WhenAll(urls.Select(async url => await (await analyst.GetAsync(url)).Content.ReadAsStringAsync()));
        async Task<string> Queue() => await (await manager.GetAsync("/v1/triage/queue")).Content.ReadAsStringAsync();
        var before = await Figures();
        var queueBefore = await Queue();

        var lead = Lead(app);
        var draft = await Start(lead, Forms.Siblings("Kim", "Uncounted"));
        await Attach(lead, draft.Id, Pdf(), "uncounted.pdf");
        await Start(Lead(app, "another-lead"), Forms.Siblings("Lou", "Uncounted"));

        Assert.Equal(before, await Figures());
        Assert.Equal(queueBefore, await Queue());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_read_and_write_of_a_draft_is_audited_to_its_author(Engine engine)
    {
        var app = apps.For(engine);
        var userId = $"dsl-audit-{engine}";
        var lead = Lead(app, userId);
        var draft = await Start(lead);
        draft = await (await Save(lead, draft, new ReferralForm { Children = [Forms.Child("Mo", "Audited")] })).Read<DraftDetail>();
        await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Read<DraftDetail>();
        await (await lead.GetAsync("/v1/drafts")).Read<ListDrafts.DraftList>();
        var attached = await Attach(lead, draft.Id, Pdf(), "audited.pdf");
        await lead.GetAsync($"/v1/drafts/{draft.Id}/attachments/{attached.Id}");
        await lead.DeleteAsync($"/v1/drafts/{draft.Id}/attachments/{attached.Id}");
        await lead.DeleteAsync($"/v1/drafts/{draft.Id}");

        await using var db = app.Db();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == draft.Id || a.SubjectId == attached.Id)
            .ToListAsync();
        Assert.Equal(
            new[] { AuditActions.DraftStarted, AuditActions.DraftSaved, AuditActions.DraftRead, AuditActions.DraftListed, AuditActions.AttachmentAdded,
                    AuditActions.AttachmentRead, AuditActions.AttachmentRemoved, AuditActions.DraftDeleted }.Order(),
            entries.Select(e => e.Action).Order());
        Assert.All(entries, e => Assert.Equal((userId, Roles.Referrer, School), (e.UserId, e.Role, e.AgencyCode)));
        Assert.All(entries, e => Assert.Equal(app.Clock.GetUtcNow(), e.At));
    }
}
