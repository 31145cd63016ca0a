using Microsoft.EntityFrameworkCore;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Audit;
using Referrals.Api.Features.Drafts;
using Referrals.Api.Features.Referrals;
using static Referrals.IntegrationTests.Drafts.Drafting;

namespace Referrals.IntegrationTests.Drafts;

public sealed class AttachmentTests(Apps apps) : IClassFixture<Apps>
{
    [Theory, OnSqlite, OnPostgres]
    public async Task A_document_is_kept_as_its_bytes_say_and_read_back_whole(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-kinds-{engine}");
        var draft = await Start(lead);

        // Named and claimed as a PDF, but a PNG: kept as the image it is, under an image's extension.
        var photo = await Attach(lead, draft.Id, Png, "injury map.pdf");
        Assert.Equal(("injury map.png", "image/png"), (photo.FileName, photo.MediaType));
        var docx = Docx();
        var word = await Attach(lead, draft.Id, docx, @"C:\Users\jo\Documents\chronology.docx");
        Assert.Equal(("chronology.docx", DocumentTypes.Docx.MediaType), (word.FileName, word.MediaType));

        var response = await lead.GetAsync($"/v1/drafts/{draft.Id}/attachments/{word.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(docx, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(DocumentTypes.Docx.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("chronology.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var listed = await (await lead.GetAsync($"/v1/drafts/{draft.Id}")).Read<DraftDetail>();
        Assert.Equal([photo.Id, word.Id], listed.Attachments.Select(a => a.Id));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_large_document_goes_in_and_out_in_pieces(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Attachments:ChunkBytes"] = "65536" });
        var lead = Lead(app);
        var draft = await Start(lead);
        var pdf = Pdf(3 * 1024 * 1024 + 17);
        new Random(7).NextBytes(pdf.AsSpan(100));

        var attached = await Attach(lead, draft.Id, pdf, "assessment.pdf");
        Assert.Equal(pdf.Length, attached.Bytes);
        await using (var db = app.Db())
        {
            Assert.Equal(49, await db.AttachmentChunks.CountAsync(c => c.AttachmentId == attached.Id));
            Assert.True(await db.AttachmentChunks.Where(c => c.AttachmentId == attached.Id).AllAsync(c => c.Data.Length <= 65536));
        }
        Assert.Equal(pdf, await (await lead.GetAsync($"/v1/drafts/{draft.Id}/attachments/{attached.Id}")).Content.ReadAsByteArrayAsync());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_document_of_a_refused_kind_empty_or_too_big_is_refused_naming_the_file(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "100000", ["Attachments:MaxPerReferral"] = "2" });
        var lead = Lead(app);
        var draft = await Start(lead);

        var refusals = new (byte[] Bytes, string Name, string Says)[]
        {
            ("MZ\x90\0this program cannot be run in DOS mode"u8.ToArray(), "report.pdf", "must be a PDF"),
            (Docx(macros: true), "letter.docx", "must be a PDF"),
            (Xlsx(), "figures.docx", "must be a PDF"),
            ("Just some notes typed in a text file."u8.ToArray(), "notes.doc", "must be a PDF"),
            ([], "empty.pdf", "is empty"),
            (Pdf(100001), "big.pdf", "smaller than 97.7 KB"),
        };
        foreach (var (bytes, name, says) in refusals)
        {
            var problem = await (await Upload(lead, draft.Id, bytes, name, "application/pdf")).Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal([AddAttachment.Field], problem.ErrorFields());
            Assert.Contains(says, problem.GetProperty("errors").GetProperty(AddAttachment.Field)[0].GetString());
        }
        // Far too big to read at all: refused before it is read.
        await (await Upload(lead, draft.Id, Pdf(400_000), "huge.pdf")).Problem(HttpStatusCode.RequestEntityTooLarge);
        // Not a form upload.
        await (await lead.PostAsync($"/v1/drafts/{draft.Id}/attachments", new ByteArrayContent(Pdf()))).Problem(HttpStatusCode.UnsupportedMediaType);
        await (await lead.PostJson($"/v1/drafts/{draft.Id}/attachments", new { file = "JVBERi0=" })).Problem(HttpStatusCode.UnsupportedMediaType);

        await using (var db = app.Db())
        {
            Assert.False(await db.Attachments.AnyAsync());
            Assert.False(await db.AttachmentChunks.AnyAsync());
        }

        await Attach(lead, draft.Id, Pdf(), "one.pdf");
        await Attach(lead, draft.Id, Pdf(), "two.pdf");
        var third = await (await Upload(lead, draft.Id, Pdf(), "three.pdf")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 2 documents", third.GetProperty("errors").GetProperty(AddAttachment.Field)[0].GetString());
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_referrals_documents_are_read_by_its_agency_and_the_team_only_and_every_opening_is_audited(Engine engine)
    {
        var app = apps.For(engine);
        var lead = Lead(app, $"dsl-read-{engine}");
        var draft = await Start(lead, Forms.Siblings("Nia", "Documented"));
        var pdf = Pdf(1234);
        var attached = await Attach(lead, draft.Id, pdf, "eha.pdf");
        var referral = await (await Submit(lead, draft.Id, draft.Version)).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        var url = $"/v1/referrals/{referral.Id}/attachments/{attached.Id}";

        foreach (var reader in new[] { Lead(app, $"deputy-read-{engine}"), app.As(Roles.Practitioner), app.As(Roles.Manager) })
            Assert.Equal(pdf, await (await reader.GetAsync(url)).Content.ReadAsByteArrayAsync());
        await (await app.As(Roles.Referrer, "POLICE-DERBYSHIRE").GetAsync(url)).Problem(HttpStatusCode.NotFound);
        await (await app.As(Roles.Analyst).GetAsync(url)).Problem(HttpStatusCode.Forbidden);
        await (await app.As(Roles.Auditor).GetAsync(url)).Problem(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync(url)).Problem(HttpStatusCode.Unauthorized);
        // Not through the draft it came from (that is gone), nor under another referral.
        await (await lead.GetAsync($"/v1/drafts/{draft.Id}/attachments/{attached.Id}")).Problem(HttpStatusCode.NotFound);
        var other = await (await app.As(Roles.Referrer, School).PostJson("/v1/referrals", Forms.Siblings())).Read<SubmitReferral.Acknowledgement>(HttpStatusCode.Created);
        await (await lead.GetAsync($"/v1/referrals/{other.Id}/attachments/{attached.Id}")).Problem(HttpStatusCode.NotFound);

        var trail = await (await app.As(Roles.Auditor).GetAsync($"/v1/referrals/{referral.Id}/audit")).Content.ReadAsStringAsync();
        await using var db = app.Db();
        var openings = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ReferralId == referral.Id && a.Action == AuditActions.AttachmentRead).ToListAsync();
        Assert.Equal(3, openings.Count);
        Assert.All(openings, o => Assert.Equal(attached.Id, o.SubjectId));
        Assert.Contains(AuditActions.AttachmentRead, trail);
    }
}
