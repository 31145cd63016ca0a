using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Referrals.Api.Features.Referrals;
using static Referrals.IntegrationTests.Triage.Triaging;

namespace Referrals.IntegrationTests.Feedback;

public sealed class SubmissionCopyTests(Apps apps) : IClassFixture<Apps>
{
    private const string Hostile = "<script>alert('x')</script> & \"quotes\" <img src=x onerror=alert(1)>";

    private static Task<HttpResponseMessage> GetCopy(HttpClient client, Guid id, string accept) =>
        client.GetAccepting($"/v1/referrals/{id}/submission", accept);

    private static Api.Domain.ReferralForm HostileForm() => Forms.Siblings() with
    {
        Concern = Forms.Siblings().Concern! with { WhatHappened = "Amy said: " + Hostile + " and more that matters here." },
    };

    [Theory, OnSqlite, OnPostgres]
    public async Task The_printable_page_shows_every_submitted_field_with_all_text_encoded(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Submit(app, HostileForm());
        var school = app.As(Roles.Referrer, School);
        var response = await GetCopy(school, referral.Id, "text/html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var page = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page);
        Assert.Contains(referral.Reference, page);
        Assert.Contains("24 November 2026, 10:00", page); // received, London time

        // Every field of the stored form, label and value, is on the page.
        var copy = await (await school.GetAsync($"/v1/referrals/{referral.Id}/submission")).Read<GetSubmission.SubmissionCopy>();
        var fields = SubmissionDocuments.Fields(copy.Form);
        Assert.True(fields.Count > 40, $"only {fields.Count} lines");
        foreach (var line in fields)
        {
            Assert.Contains(HtmlEncoder.Default.Encode(line.Label), page);
            if (line.Value is not null) Assert.Contains(HtmlEncoder.Default.Encode(line.Value), page);
        }
        foreach (var answer in new[] { "Designated safeguarding lead", "9434765919", "Carol Example", "breakfast club", "neglect, domestic-abuse-parent" })
            Assert.Contains(HtmlEncoder.Default.Encode(answer), page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_pdf_copy_is_a_pdf_with_the_reference_in_its_text(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Submit(app, HostileForm() with
        {
            Concern = HostileForm().Concern! with { WhatHappened = string.Join(' ', Enumerable.Repeat("A long account that runs over many lines and pages.", 100)) + " " + new string('x', 400) },
        });
        var response = await GetCopy(app.As(Roles.Practitioner), referral.Id, "application/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        Assert.True(pdf.Length > 5_000, $"{pdf.Length} bytes");
        Assert.Contains($"({referral.Reference})", text); // drawn as text on the page, not only in the metadata
        // Every field is drawn: each label, and each short answer (long ones are wrapped over several lines).
        var copy = await (await app.As(Roles.Practitioner).GetAsync($"/v1/referrals/{referral.Id}/submission")).Read<GetSubmission.SubmissionCopy>();
        foreach (var line in SubmissionDocuments.Fields(copy.Form))
        {
            Assert.Contains($"({line.Label})", text);
            if (line.Value is { Length: < 50 } value && value.IndexOfAny(['(', ')', '\\']) < 0) Assert.Contains($"({value})", text);
        }
        Assert.True(CountOf(text, "/Type/Page") - CountOf(text, "/Type/Pages") >= 2, "a long account runs onto a second page");
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_accept_header_chooses_the_format_and_anything_else_is_refused(Engine engine)
    {
        var app = apps.For(engine);
        var referral = await Submit(app);
        var school = app.As(Roles.Referrer, School);
        Assert.Equal("application/json", (await GetCopy(school, referral.Id, "*/*")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/pdf", (await GetCopy(school, referral.Id, "text/html;q=0.5, application/pdf")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", (await GetCopy(school, referral.Id, "application/pdf;q=0, text/html")).Content.Headers.ContentType?.MediaType);
        await (await GetCopy(school, referral.Id, "image/png")).Problem(HttpStatusCode.NotAcceptable);
        // A refused PDF request for a referral that does not exist is still a problem response the client can read.
        await (await GetCopy(school, Guid.NewGuid(), "application/pdf")).Problem(HttpStatusCode.NotFound);
        await (await GetCopy(app.As(Roles.Referrer, "POLICE-DERBYSHIRE"), referral.Id, "application/pdf")).Problem(HttpStatusCode.NotFound);
        await (await GetCopy(app.As(Roles.Analyst), referral.Id, "text/html")).Problem(HttpStatusCode.Forbidden);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
