using System.Text;
using System.Text.Encodings.Web;

namespace Referrals.Api.Features.Referrals;

/// <summary>The copy of a submission as a web page: the form as stored, every field, encoded for HTML.</summary>
public static class SubmissionHtml
{
    public static string Of(GetSubmission.SubmissionCopy copy)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<title>Referral ").Append(html.Encode(copy.Reference)).Append(": copy of what was submitted</title>\n");
        page.Append("<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}dt{font-weight:bold;margin-top:.5em}")
            .Append("dd{margin-left:1.5em;white-space:pre-wrap}section{margin-left:1.5em}@media print{body{margin:0}}</style>\n</head>\n<body>\n");
        page.Append("<h1>Referral ").Append(html.Encode(copy.Reference)).Append("</h1>\n<p>A copy of exactly what was submitted. It does not change after submission.</p>\n<dl>\n");
        foreach (var line in SubmissionDocuments.Header(copy))
            page.Append("<dt>").Append(html.Encode(line.Label)).Append("</dt><dd>").Append(html.Encode(line.Value ?? "")).Append("</dd>\n");
        page.Append("</dl>\n<h2>The form</h2>\n");
        var open = 0;
        foreach (var line in SubmissionDocuments.Fields(copy.Form))
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
}
