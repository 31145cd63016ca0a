using System.IO.Compression;
using System.Text;

namespace Referrals.Api.Domain;

/// <summary>
/// What a document a referrer attaches really is, decided by its bytes, never by its name or the type the browser
/// claims: a renamed program is not a PDF. The council takes PDFs, Word documents and photographs; a Word document
/// with macros is refused, since a macro runs when the team opens it.
/// </summary>
public static class DocumentTypes
{
    public sealed record DocumentType(string MediaType, string Name, string Extension);

    public static readonly DocumentType Pdf = new("application/pdf", "PDF", ".pdf");
    public static readonly DocumentType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document", ".docx");
    public static readonly DocumentType Doc = new("application/msword", "Word 97-2003 document", ".doc");
    public static readonly DocumentType Png = new("image/png", "PNG image", ".png");
    public static readonly DocumentType Jpeg = new("image/jpeg", "JPEG image", ".jpg");

    public static readonly IReadOnlyList<DocumentType> Accepted = [Pdf, Docx, Doc, Png, Jpeg];

    public const string AcceptedInWords = "a PDF, a Word document (.docx or .doc), or a photograph (JPEG or PNG)";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    /// <summary>The name of a Word 97-2003 document's main stream, as a compound file's directory writes it (UTF-16).</summary>
    private static readonly byte[] WordStream = Encoding.Unicode.GetBytes("WordDocument");

    /// <summary>The type of the document in <paramref name="content"/> (read from its start), or null when it is none the council takes.</summary>
    public static DocumentType? Detect(Stream content)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        content.Position = 0;
        if (head.StartsWith(PdfMagic)) return Pdf;
        if (head.StartsWith(PngMagic)) return Png;
        if (head.StartsWith(JpegMagic)) return Jpeg;
        if (head.StartsWith(ZipMagic)) return IsWordWithoutMacros(content) ? Docx : null;
        if (head.StartsWith(OleMagic)) return Contains(content, WordStream) ? Doc : null;
        return null;
    }

    /// <summary>An Office Open XML word-processing package: its main part is word/document.xml and it holds no macros.</summary>
    private static bool IsWordWithoutMacros(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml") && !names.Contains("word/vbaProject.bin");
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static bool Contains(Stream content, byte[] needle)
    {
        var buffer = new byte[64 * 1024 + needle.Length];
        var kept = 0;
        int read;
        while ((read = content.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            var filled = kept + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                content.Position = 0;
                return true;
            }
            kept = Math.Min(needle.Length - 1, filled);
            Array.Copy(buffer, filled - kept, buffer, 0, kept);
        }
        content.Position = 0;
        return false;
    }

    /// <summary>
    /// The name to keep: the last part of what the browser sent (some send a whole path), without control characters,
    /// at most 150 characters, ending in the extension of what the document really is.
    /// </summary>
    public static string FileName(string? sent, DocumentType type)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '*' or '?' or '|')).ToArray()).Trim();
        var stem = Path.GetFileNameWithoutExtension(name).Trim();
        if (stem.Length == 0) stem = "document";
        if (stem.Length > 140) stem = stem[..140];
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var matches = extension == type.Extension || (type == Jpeg && extension == ".jpeg");
        return stem + (matches ? extension : type.Extension);
    }
}
