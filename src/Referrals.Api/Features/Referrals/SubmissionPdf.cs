using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Referrals.Api.Features.Referrals;

/// <summary>The copy of a submission as a PDF to print or file: the form as stored, every field.</summary>
public static class SubmissionPdf
{
    public static byte[] Of(GetSubmission.SubmissionCopy copy)
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
        foreach (var line in SubmissionDocuments.Header(copy)) writer.Field(0, line.Label, line.Value!);
        writer.Heading("The form");
        foreach (var line in SubmissionDocuments.Fields(copy.Form))
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
