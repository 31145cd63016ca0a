using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Referrals.Api.Common;

/// <summary>
/// What each problem type URI resolves to: a short page saying what the problem means and what to do, for the developer
/// who follows the link from a problem response (RFC 9457 asks that a type URI lead to such documentation).
/// </summary>
public static class ProblemPages
{
    public static void MapProblemPages(this IEndpointRouteBuilder app) =>
        app.MapGet("/problems/{slug}", (string slug) =>
            ProblemTypes.All.FirstOrDefault(t => t.Slug == slug) is { } type
                ? Results.Content(Page(type), "text/html; charset=utf-8")
                : throw new NotFoundException("That problem type"))
            .AllowAnonymous().ExcludeFromDescription();

    private static string Page(ProblemType type)
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(type.Title)).Append("</title>\n</head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(type.Title))
            .Append("</h1>\n<p>HTTP status ").Append(type.Status).Append(". Problem type <code>").Append(type.Uri).Append("</code>.</p>\n<p>")
            .Append(WebUtility.HtmlEncode(type.Explanation)).Append("</p>\n</body>\n</html>\n");
        return page.ToString();
    }
}
