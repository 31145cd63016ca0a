using System.IO.Compression;
using System.Text;
using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class DocumentTypesTests
{
    private static DocumentTypes.DocumentType? Detect(byte[] bytes) => DocumentTypes.Detect(new MemoryStream(bytes));

    private static byte[] Zip(params string[] parts)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var part in parts)
                using (var writer = new StreamWriter(zip.CreateEntry(part).Open())) writer.Write("<x/>");
        return output.ToArray();
    }

    /// <summary>A compound file (Word 97-2003, or Excel's): its header, then its directory somewhere after.</summary>
    private static byte[] Compound(string stream)
    {
        var bytes = new byte[200_000];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        // Across a read of 64 KB, so the search has to join two reads to find it.
        Encoding.Unicode.GetBytes(stream).CopyTo(bytes, 65_530);
        return bytes;
    }

    [Fact]
    public void Each_kind_is_known_by_its_first_bytes_whatever_its_name()
    {
        Assert.Equal(DocumentTypes.Pdf, Detect("%PDF-1.4\n..."u8.ToArray()));
        Assert.Equal(DocumentTypes.Png, Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(DocumentTypes.Jpeg, Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(DocumentTypes.Docx, Detect(Zip("[Content_Types].xml", "word/document.xml")));
        Assert.Equal(DocumentTypes.Doc, Detect(Compound("WordDocument")));
    }

    [Fact]
    public void Anything_else_is_refused()
    {
        Assert.Null(Detect([]));
        Assert.Null(Detect("MZ\u0090\0"u8.ToArray()));
        Assert.Null(Detect("<html><script>alert(1)</script>"u8.ToArray()));
        Assert.Null(Detect(" %PDF-1.4"u8.ToArray()));
        Assert.Null(Detect(Zip("[Content_Types].xml", "xl/workbook.xml")));
        Assert.Null(Detect(Zip("word/document.xml")));
        Assert.Null(Detect([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]));
        Assert.Null(Detect(Compound("Workbook")));
    }

    [Fact]
    public void A_word_document_with_macros_is_refused() =>
        Assert.Null(Detect(Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")));

    [Theory]
    [InlineData("eha.pdf", "eha.pdf")]
    [InlineData(@"C:\Users\jo\Desktop\eha.pdf", "eha.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("injury map.PNG", "injury map.pdf")]
    [InlineData("\u0001\u001b[31mred.pdf", "[31mred.pdf")]
    [InlineData("", "document.pdf")]
    [InlineData(null, "document.pdf")]
    [InlineData("\"quoted\".pdf", "quoted.pdf")]
    public void The_name_kept_is_the_last_part_clean_and_ends_as_the_document_is(string? sent, string kept) =>
        Assert.Equal(kept, DocumentTypes.FileName(sent, DocumentTypes.Pdf));

    [Fact]
    public void A_long_name_is_cut_before_its_extension() =>
        Assert.Equal(new string('a', 140) + ".jpeg", DocumentTypes.FileName(new string('a', 300) + ".jpeg", DocumentTypes.Jpeg));
}
