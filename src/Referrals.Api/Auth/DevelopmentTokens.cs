using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.EntityFrameworkCore;
using Referrals.Api.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Referrals.Api.Auth;

/// <summary>
/// Signed tokens for local use and tests, against the development key: only in the Development environment
/// and only where a development key is configured there, so no other start can mint or accept them.
/// </summary>
public static class DevelopmentTokens
{
    public const int MinimumKeyLength = 32;

    public static bool IsAllowed(AuthOptions options, IHostEnvironment environment) =>
        environment.IsDevelopment() && options.DevelopmentSigningKey is { Length: >= MinimumKeyLength };

    public static SymmetricSecurityKey Key(AuthOptions options) =>
        new(Encoding.UTF8.GetBytes(options.DevelopmentSigningKey!));

    public sealed record Request(string Role, string? Agency, string? Name, string? UserId = null, TimeSpan? Lifetime = null);

    public static string Issue(AuthOptions options, Request request, DateTimeOffset now)
    {
        var userId = request.UserId ?? $"dev-{request.Role}-{request.Agency ?? "council"}";
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = userId,
            [Claims.Name] = request.Name ?? $"Development {request.Role}",
            [Claims.Role] = request.Role,
        };
        if (request.Agency is not null) claims[Claims.Agency] = request.Agency;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.DevelopmentIssuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (request.Lifetime ?? TimeSpan.FromHours(8))).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>`token --role &lt;role&gt; [--agency &lt;code&gt;] [--name &lt;n&gt;]`: prints a token and returns the exit code.</summary>
    public static int RunCommand(string[] args, AuthOptions options, IHostEnvironment environment, IReadOnlyList<Features.ReferenceData.Agency> agencies, TextWriter output, TextWriter error)
    {
        if (!IsAllowed(options, environment))
        {
            error.WriteLine("Refused: development tokens need Auth:DevelopmentSigningKey and the Development environment.");
            return 1;
        }
        string? Option(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }
        var role = Option("--role");
        var agency = Option("--agency");
        if (role is null || !Roles.All.Contains(role))
        {
            error.WriteLine($"Usage: token --role <{string.Join('|', Roles.All)}> [--agency <code>] [--name <name>]");
            return 2;
        }
        var partner = agencies.FirstOrDefault(a => a.Code == agency);
        if (role == Roles.Referrer && partner is null)
        {
            error.WriteLine("A referrer token needs --agency with a configured agency code (GET /v1/reference-data/agencies lists them).");
            return 2;
        }
        if (role == Roles.Referrer && AgencyTypes.IsMemberOfThePublic(partner!.Type))
        {
            error.WriteLine("Members of the public are not an agency: their referrals are recorded by the First Contact Team.");
            return 2;
        }
        output.WriteLine(Issue(options, new Request(role, role == Roles.Referrer ? agency : null, Option("--name")), DateTimeOffset.UtcNow));
        return 0;
    }
}
