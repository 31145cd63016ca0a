using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Referrals.Api.Common;

/// <summary>Picks, from the media types an operation offers, the one the Accept header prefers.</summary>
public static class ContentNegotiation
{
    /// <param name="offered">The first is the default, for no Accept header or */*.</param>
    public static string Choose(HttpRequest request, params string[] offered)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return offered[0];
        foreach (var range in accept.Where(a => (a.Quality ?? 1) > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var wanted = range.MediaType.Value?.ToLowerInvariant() ?? "";
            var match = wanted == "*/*" ? offered[0]
                : wanted.EndsWith("/*", StringComparison.Ordinal) ? offered.FirstOrDefault(o => o.StartsWith(wanted[..^1], StringComparison.Ordinal))
                : offered.FirstOrDefault(o => o == wanted);
            if (match is not null) return match;
        }
        throw new RefusedException(ProblemTypes.NotAcceptable, $"This is offered as {string.Join(", ", offered)}.");
    }
}
