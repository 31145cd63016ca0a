using System.IO.Compression;
using System.Net.Http.Headers;
using Referrals.Api.Features.Attachments;
using Referrals.Api.Features.Drafts;

namespace Referrals.IntegrationTests.Drafts;

/// <summary>What the draft and attachment tests share: starting, saving and uploading as a partner would.</summary>
public static class Drafting
{
    public const string School = "SCH-DERBY-MOOR";

    /// <summary>A school's safeguarding lead (each test may name another user of the same school).</summary>
    public static HttpClient Lead(ReferralsApp app, string userId = "dsl-moor") => app.As(Roles.Referrer, School, "Jo Bloggs", userId);

    public static async Task<DraftDetail> Start(HttpClient client, ReferralForm? form = null) =>
        await (await client.PostJson("/v1/drafts", form ?? new ReferralForm())).Read<DraftDetail>(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Save(HttpClient client, DraftDetail draft, ReferralForm form, string? ifMatch = "") =>
        client.SendJson(HttpMethod.Put, $"/v1/drafts/{draft.Id}", form, ifMatch == "" ? $"\"{draft.Version}\"" : ifMatch);

    public static Task<HttpResponseMessage> Submit(HttpClient client, Guid id, int version) =>
        client.SendJson<object?>(HttpMethod.Post, $"/v1/drafts/{id}/submit", null, $"\"{version}\"");

    public static Task<HttpResponseMessage> Upload(HttpClient client, Guid draftId, byte[] bytes, string fileName, string claimedType = "application/octet-stream")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        var form = new MultipartFormDataContent { { file, AddAttachment.Field, fileName } };
        return client.PostAsync($"/v1/drafts/{draftId}/attachments", form);
    }

    public static async Task<AttachmentSummary> Attach(HttpClient client, Guid draftId, byte[] bytes, string fileName) =>
        await (await Upload(client, draftId, bytes, fileName)).Read<AttachmentSummary>(HttpStatusCode.Created);

    /// <summary>A small PDF (its first bytes are what make it one), padded to the size asked for.</summary>
    public static byte[] Pdf(int size = 2000, byte fill = (byte)'x')
    {
        var head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\n"u8.ToArray();
        var bytes = new byte[Math.Max(size, head.Length)];
        Array.Fill(bytes, fill);
        head.CopyTo(bytes, 0);
        return bytes;
    }

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    /// <summary>A Word package: the parts that make it one, and macros when asked for.</summary>
    public static byte[] Docx(bool macros = false) =>
        Package("<w:document/>", ["[Content_Types].xml", "word/document.xml", .. macros ? ["word/vbaProject.bin"] : new string[0]]);

    /// <summary>A zip that is no Word document (a spreadsheet's main part instead).</summary>
    public static byte[] Xlsx() => Package("<x/>", ["[Content_Types].xml", "xl/workbook.xml"]);

    // Every entry carries a fixed time: a zip stamps each with the clock (to two seconds), so two packages built a
    // moment apart would differ in their bytes, and a test comparing what it sent with what it read back would flake.
    private static byte[] Package(string body, string[] parts)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var part in parts)
            {
                var entry = zip.CreateEntry(part);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
                using var writer = new StreamWriter(entry.Open());
                writer.Write($"<?xml version=\"1.0\"?>{body}");
            }
        return output.ToArray();
    }
}
