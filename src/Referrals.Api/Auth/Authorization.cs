using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Referrals.Api.Features.ReferenceData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Referrals.Api.Auth;

public sealed class AuthOptions
{
    /// <summary>Production: the OpenID Connect authority whose keys sign tokens.</summary>
    public string? Authority { get; set; }
    public string Audience { get; set; } = "referrals-api";
    /// <summary>Issuer of development tokens, checked when no authority is configured.</summary>
    public string DevelopmentIssuer { get; set; } = "referrals-development";
    /// <summary>Symmetric key (at least 32 characters) for development tokens. Never set in production.</summary>
    public string? DevelopmentSigningKey { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The longest lifetime (expiry less issue time) a token may have: a longer-lived one is refused, stolen or not.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// What a valid signature does not prove: that the token is shaped as this service acts on it. One subject to
/// attribute every read and write to, exactly one role (a second would make "who acted, as what" ambiguous in the
/// audit and let a policy pass on either), and a lifetime no longer than the council allows.
/// </summary>
public static class TokenShape
{
    public static string? Problem(ClaimsPrincipal principal, SecurityToken token, TimeSpan maxLifetime)
    {
        if (string.IsNullOrWhiteSpace(principal.FindFirstValue(Claims.Subject))) return "The token has no subject (sub).";
        if (principal.FindAll(Claims.Role).Count() > 1) return "The token has more than one role.";
        var issued = token is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken { IssuedAt: var at } && at != DateTime.MinValue ? at
            : token.ValidFrom != DateTime.MinValue ? token.ValidFrom : (DateTime?)null;
        if (issued is null) return "The token says neither when it was issued (iat) nor from when it is valid (nbf).";
        if (token.ValidTo - issued.Value > maxLifetime) return "The token's lifetime is longer than this service accepts.";
        return null;
    }
}

/// <summary>A referrer acts only for an active partner agency the council lists, never for members of the public.</summary>
public sealed class ActiveAgencyRequirement : IAuthorizationRequirement;

public sealed class ActiveAgencyHandler(AgencyDirectory agencies) : AuthorizationHandler<ActiveAgencyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveAgencyRequirement requirement)
    {
        var user = context.User;
        if (!user.IsInRole(Roles.Referrer) || agencies.AcceptsReferrers(user.FindFirstValue(Claims.Agency)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class Authorization
{
    public static IServiceCollection AddReferralsAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        // A development key anywhere but Development is a mistake that could open the service: refuse to start.
        if (!environment.IsDevelopment() && !string.IsNullOrEmpty(auth.DevelopmentSigningKey))
            throw new InvalidOperationException(
                $"Auth:DevelopmentSigningKey is set in the {environment.EnvironmentName} environment; it is for Development only. Remove it.");
        // The provider's signing keys come from its metadata: fetched over plain HTTP, whoever is on the path could
        // hand the service keys of their own and sign any token. HTTP only for a provider on this machine, and only
        // when said so (Auth:RequireHttpsMetadata false); a wrong address stops the start, rather than every request.
        if (auth.Authority is { } authority
            && (!Uri.TryCreate(authority, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
                || (address.Scheme == "http" && (auth.RequireHttpsMetadata || !address.IsLoopback))))
            throw new InvalidOperationException(
                "Auth:Authority must be the identity provider's https address (plain http only for one on 127.0.0.1, with " +
                "Auth:RequireHttpsMetadata false).");
        var development = DevelopmentTokens.IsAllowed(auth, environment);
        if (auth.Authority is null && !development)
            throw new InvalidOperationException("Configure Auth:Authority (production) or Auth:DevelopmentSigningKey (development only).");

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, clock) =>
        {
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidAudience = auth.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = Claims.Name,
                RoleClaimType = Claims.Role,
                // Lifetimes are judged by the service's clock, which tests move.
                LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                        && expires is not null && expires.Value >= now - parameters.ClockSkew;
                },
            };
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (TokenShape.Problem(context.Principal!, context.SecurityToken, auth.MaxTokenLifetime) is { } problem) context.Fail(problem);
                    return Task.CompletedTask;
                },
            };
            if (auth.Authority is not null)
            {
                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = auth.DevelopmentIssuer;
                jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.Key(auth);
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });

        services.AddSingleton<IAuthorizationHandler, ActiveAgencyHandler>();
        services.AddAuthorizationBuilder()
            // Anything not given a policy is closed to everyone but a signed-in user; the tests require every endpoint to name one.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SubmitReferrals, p => Roles_(p, Roles.Referrer, Roles.Practitioner, Roles.Manager))
            .AddPolicy(Policies.ReadReferrals, p => Roles_(p, Roles.Referrer, Roles.Practitioner, Roles.Manager))
            .AddPolicy(Policies.WithdrawReferrals, p => Roles_(p, Roles.Referrer))
            .AddPolicy(Policies.ReadReferenceData, p => Roles_(p, [.. Roles.All]))
            .AddPolicy(Policies.ReadAuditTrail, p => Roles_(p, Roles.Auditor))
            .AddPolicy(Policies.TriageReferrals, p => Roles_(p, Roles.Practitioner, Roles.Manager))
            .AddPolicy(Policies.SignOffDecisions, p => Roles_(p, Roles.Manager))
            .AddPolicy(Policies.AnswerInformationRequests, p => Roles_(p, Roles.Referrer))
            .AddPolicy(Policies.ReadFeedbackFeed, p => Roles_(p, Roles.Referrer))
            .AddPolicy(Policies.ManageWebhooks, p => Roles_(p, Roles.Manager))
            .AddPolicy(Policies.ReadMetrics, p => Roles_(p, Roles.Analyst, Roles.Manager))
            .AddPolicy(Policies.ExportInspectionLists, p => Roles_(p, Roles.Manager, Roles.Auditor));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        return services;
    }

    private static void Roles_(AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.RequireAuthenticatedUser().RequireRole(roles).AddRequirements(new ActiveAgencyRequirement());
}
