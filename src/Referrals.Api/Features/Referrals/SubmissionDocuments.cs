using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Referrals.Api.Common;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Http;

namespace Referrals.Api.Features.Referrals;

/// <summary>
/// The printable copies of a submission. Both walk the form exactly as stored, so every field that
/// was submitted is shown and a field added to the form later appears without a change here.
/// </summary>
public static class SubmissionDocuments
{
    /// <summary>One line of the copy: a heading (no value) or a field and its answer, at a depth of nesting.</summary>
    public sealed record Line(int Depth, string Label, string? Value);

    public static IReadOnlyList<Line> Header(GetSubmission.SubmissionCopy copy) =>
    [
        new(0, "Reference", copy.Reference),
        new(0, "Received", $"{LondonTime.ToLocal(copy.ReceivedAt):dddd d MMMM yyyy, HH:mm} (London)"),
        new(0, "Agency", $"{copy.Agency.Name} ({copy.Agency.Code})"),
        new(0, "Channel", EnumWords.Of(copy.Channel).Replace('-', ' ')),
        new(0, "Submitted by", copy.SubmittedBy),
        new(0, "Referrer", copy.ReferrerName),
    ];

    /// <summary>Every field of the form that was answered, in the form's order.</summary>
    public static IReadOnlyList<Line> Fields(ReferralForm form)
    {
        var lines = new List<Line>();
        Walk(JsonSerializer.SerializeToElement(form, Json.Options), 0, lines);
        return lines;
    }

    private static void Walk(JsonElement element, int depth, List<Line> lines)
    {
        foreach (var property in element.EnumerateObject())
        {
            var label = Label(property.Name);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    lines.Add(new(depth, label, null));
                    Walk(property.Value, depth + 1, lines);
                    break;
                case JsonValueKind.Array when property.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object):
                    var number = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        lines.Add(new(depth, $"{ItemLabel(property.Name)} {++number}", null));
                        Walk(item, depth + 1, lines);
                    }
                    break;
                case JsonValueKind.Array:
                    lines.Add(new(depth, label, string.Join(", ", property.Value.EnumerateArray().Select(Text))));
                    break;
                default:
                    lines.Add(new(depth, label, Text(property.Value)));
                    break;
            }
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>One of a list: "Child 1", "Household member 2".</summary>
    private static string ItemLabel(string list) => list switch
    {
        "children" => "Child",
        "household" => "Household member",
        "relationships" => "Relationship",
        _ => Label(list),
    };

    /// <summary>"whatHappened" becomes "What happened"; "nhsNumber" becomes "NHS number".</summary>
    public static string Label(string name)
    {
        var words = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        var label = words.ToString().Replace("nhs", "NHS").Replace("gp", "GP");
        return char.ToUpperInvariant(label[0]) + label[1..];
    }

    public static string Html(GetSubmission.SubmissionCopy copy)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<title>Referral ").Append(html.Encode(copy.Reference)).Append(": copy of what was submitted</title>\n");
        page.Append("<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}dt{font-weight:bold;margin-top:.5em}")
            .Append("dd{margin-left:1.5em;white-space:pre-wrap}section{margin-left:1.5em}@media print{body{margin:0}}</style>\n</head>\n<body>\n");
        page.Append("<h1>Referral ").Append(html.Encode(copy.Reference)).Append("</h1>\n<p>A copy of exactly what was submitted. It does not change after submission.</p>\n<dl>\n");
        foreach (var line in Header(copy))
            page.Append("<dt>").Append(html.Encode(line.Label)).Append("</dt><dd>").Append(html.Encode(line.Value ?? "")).Append("</dd>\n");
        page.Append("</dl>\n<h2>The form</h2>\n");
        var open = 0;
        foreach (var line in Fields(copy.Form))
        {
            for (; open > line.Depth; open--) page.Append("</dl></section>\n");
            if (line.Value is null)
            {
                page.Append("<section><h").Append(Math.Min(line.Depth + 3, 6)).Append('>').Append(html.Encode(line.Label))
                    .Append("</h").Append(Math.Min(line.Depth + 3, 6)).Append(">\n<dl>\n");
                open++;
            }
            else
            {
                page.Append("<dt>").Append(html.Encode(line.Label)).Append("</dt><dd>").Append(html.Encode(line.Value)).Append("</dd>\n");
            }
        }
        for (; open > 0; open--) page.Append("</dl></section>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    public static byte[] Pdf(GetSubmission.SubmissionCopy copy)
    {
        SubmissionFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Referral {copy.Reference}: copy of what was submitted";
        document.Info.Subject = copy.Reference;
        // Uncompressed: the copy stays searchable and checkable as text (the reference, for one).
        document.Options.CompressContentStreams = false;
        var writer = new PdfWriter(document);
        writer.Heading($"Referral {copy.Reference}");
        writer.Paragraph("A copy of exactly what was submitted. It does not change after submission.");
        foreach (var line in Header(copy)) writer.Field(0, line.Label, line.Value!);
        writer.Heading("The form");
        foreach (var line in Fields(copy.Form))
        {
            if (line.Value is null) writer.Section(line.Depth, line.Label);
            else writer.Field(line.Depth, line.Label, line.Value);
        }
        writer.Finish();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Lays text down A4 pages, wrapping long answers and starting a new page when one is full.</summary>
    private sealed class PdfWriter(PdfDocument document)
    {
        private const double Margin = 50, Indent = 14;
        private static readonly XPdfFontOptions Options = new(PdfFontEncoding.Automatic);
        private readonly XFont _body = new(SubmissionFonts.Family, 10, XFontStyleEx.Regular, Options);
        private readonly XFont _bold = new(SubmissionFonts.Family, 10, XFontStyleEx.Bold, Options);
        private readonly XFont _heading = new(SubmissionFonts.Family, 15, XFontStyleEx.Bold, Options);
        private XGraphics? _page;
        private double _y, _height;

        public void Heading(string text) => Write(0, text, _heading, before: 10);
        public void Paragraph(string text) => Write(0, text, _body, before: 2);
        public void Section(int depth, string label) => Write(depth, label, _bold, before: 6);

        public void Field(int depth, string label, string value)
        {
            Write(depth, label, _bold, before: 3);
            Write(depth + 1, value, _body, before: 0);
        }

        public void Finish() => _page?.Dispose();

        private void Write(int depth, string text, XFont font, double before)
        {
            var page = Page();
            var left = Margin + depth * Indent;
            var width = page.PageSize.Width - Margin - left;
            var lineHeight = font.GetHeight() * 1.2;
            _y += before;
            foreach (var line in Wrap(page, text, font, width))
            {
                if (_y + lineHeight > _height - Margin) page = NewPage();
                page.DrawString(line, font, XBrushes.Black, new XRect(left, _y, width, lineHeight), XStringFormats.TopLeft);
                _y += lineHeight;
            }
        }

        private XGraphics Page() => _page ?? NewPage();

        private XGraphics NewPage()
        {
            _page?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _page = XGraphics.FromPdfPage(page);
            _height = page.Height.Point;
            _y = Margin;
            return _page;
        }

        private static IEnumerable<string> Wrap(XGraphics page, string text, XFont font, double width)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = new StringBuilder();
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (page.MeasureString(candidate, font).Width <= width) { line.Clear().Append(candidate); continue; }
                    if (line.Length > 0) { yield return line.ToString(); line.Clear(); }
                    // A word wider than the line (a long code or URL) is broken where it must be.
                    foreach (var c in word)
                    {
                        if (line.Length > 0 && page.MeasureString(line.ToString() + c, font).Width > width) { yield return line.ToString(); line.Clear(); }
                        line.Append(c);
                    }
                }
                yield return line.ToString();
            }
        }
    }
}

/// <summary>
/// PDFsharp on Linux needs its fonts given to it: DejaVu Sans (Debian's fonts-dejavu-core, installed
/// by .ci/run and the Dockerfile), from Submission:FontDirectory or the usual places.
/// </summary>
public sealed class SubmissionFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static string? _directory;
    private static bool _registered;

    // Debian and Ubuntu (fonts-dejavu-core), Fedora and Alpine, or a copy placed by hand.
    private static readonly string[] SearchPath = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];

    /// <summary>Whether the fonts are there: without them PDF copies are not offered (406) and HTML still is.</summary>
    public static bool Available => Directory() is not null;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered) return;
            GlobalFontSettings.FontResolver = new SubmissionFonts();
            _registered = true;
        }
    }

    private static string? Directory() => _directory ??= SearchPath.FirstOrDefault(d => File.Exists(Path.Combine(d, "DejaVuSans.ttf")) && File.Exists(Path.Combine(d, "DejaVuSans-Bold.ttf")));

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) =>
        File.ReadAllBytes(Path.Combine(Directory() ?? throw new InvalidOperationException("DejaVu Sans is not installed."), faceName + ".ttf"));
}

public enum SubmissionFormat { Json, Html, Pdf }

public static class SubmissionFormats
{
    /// <summary>The format the Accept header prefers among those offered; JSON when it names none.</summary>
    public static SubmissionFormat Negotiate(HttpRequest request)
    {
        var chosen = ContentNegotiation.Choose(request, "application/json", "text/html", "application/pdf") switch
        {
            "text/html" => SubmissionFormat.Html,
            "application/pdf" => SubmissionFormat.Pdf,
            _ => SubmissionFormat.Json,
        };
        if (chosen == SubmissionFormat.Pdf && !SubmissionFonts.Available)
            throw new RefusedException(StatusCodes.Status406NotAcceptable, "PDF copies are not available on this server.",
                "The font PDF copies need is not installed here; ask for text/html (printable) or application/json.");
        return chosen;
    }
}
