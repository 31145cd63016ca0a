using Referrals.Api.Common;
using Microsoft.AspNetCore.Http;

namespace Referrals.Api.Features.Referrals;

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
            throw new RefusedException(ProblemTypes.NotAcceptable, "PDF copies are not available on this server: the font PDF copies need is not installed here; ask for text/html (printable) or application/json.");
        return chosen;
    }
}
