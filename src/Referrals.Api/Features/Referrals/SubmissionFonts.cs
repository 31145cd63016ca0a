using PdfSharp.Fonts;

namespace Referrals.Api.Features.Referrals;

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
