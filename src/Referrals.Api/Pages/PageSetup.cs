using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Referrals.Api.Auth;
using Referrals.Api.Common;
using Referrals.Api.Data;
using Referrals.Api.Features.ReferenceData;

namespace Referrals.Api.Pages;

/// <summary>How people sign in to the pages and how long a session lasts.</summary>
public sealed class PagesOptions
{
    /// <summary>Minutes without a request after which a session ends (its author is warned two minutes before).</summary>
    public int SessionMinutes { get; set; } = 30;
    /// <summary>The longest a session may last, however active, before signing in again.</summary>
    public int MaxSessionHours { get; set; } = 10;
    /// <summary>Production: this service's client at the council's identity provider (Auth:Authority).</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string[] Scopes { get; set; } = [];
    /// <summary>The identity provider's claims for the user's role and agency, where they are not "role" and "agency".</summary>
    public string RoleClaim { get; set; } = Claims.Role;
    public string AgencyClaim { get; set; } = Claims.Agency;
    /// <summary>
    /// A certificate (PKCS #12 file, with its private key) that encrypts the data protection keys kept in the
    /// database, so that reading the database is not enough to forge a session. Every instance is given the same one.
    /// </summary>
    public string? KeysCertificatePath { get; set; }
    public string? KeysCertificatePassword { get; set; }

    public PagesOptions Checked() =>
        SessionMinutes is < 5 or > 240 || MaxSessionHours is < 1 or > 24
            ? throw new InvalidOperationException("Pages:SessionMinutes must be from 5 to 240, and Pages:MaxSessionHours from 1 to 24.")
            : this;
}

public static class PageSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    /// <summary>
    /// Whether the pages' cookies are Secure (and named __Host-, so the browser insists on Secure, path / and no Domain):
    /// always but in Development over plain HTTP, where `dotnet run` serves the pages with no certificate to set up.
    /// </summary>
    public static bool SecureCookies(HttpsOptions https, IHostEnvironment environment) => https.Require ?? !environment.IsDevelopment();

    public static string CookieName(bool secure) => secure ? "__Host-Referrals" : "Referrals";

    /// <summary>
    /// The pages' own policy: signed in with the session cookie (never a bearer token, which a page could not have
    /// been given), as a partner of an active agency.
    /// </summary>
    public const string PartnerPages = nameof(PartnerPages);

    private const string SignedInAt = ".signedInAt";
    public const string SignInFailedPath = "/sign-in/failed";
    public const string SignedOutPath = "/signed-out";
    private static readonly string[] SignedIdTokenAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>Only pages send these: a page may load its own styles, scripts and images, and nothing else.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddPartnerPages(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment,
        HttpsOptions https)
    {
        var secure = SecureCookies(https, environment);
        var securePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        var pages = (configuration.GetSection("Pages").Get<PagesOptions>() ?? new()).Checked();
        var auth = configuration.GetSection("Auth").Get<AuthOptions>() ?? new();
        services.AddSingleton(pages);
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieName(secure) + "-Antiforgery";
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__RequestVerificationToken";
        });
        // Shared by every instance through the database: a cookie or form from one instance is read by the next.
        var keys = services.AddDataProtection().SetApplicationName("Referrals").PersistKeysToDbContext<ReferralsDbContext>();
        if (pages.KeysCertificatePath is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, pages.KeysCertificatePassword);
            if (!certificate.HasPrivateKey)
                throw new InvalidOperationException(
                    "Pages:KeysCertificatePath must hold the certificate's private key, to read the keys it encrypts.");
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
        });

        var authentication = services.AddAuthentication().AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName(secure);
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = securePolicy;
            // Lax, not Strict: the sign-in comes back from the identity provider, another site, and must find its session.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(pages.SessionMinutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/partner/not-for-you";
            cookie.ReturnUrlParameter = "returnUrl";
            // A sliding session's IssuedUtc moves with each renewal: the sign-in's own time is kept beside it.
            cookie.Events.OnSigningIn = context =>
            {
                context.Properties.Items.TryAdd(SignedInAt, context.Options.TimeProvider!.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = context =>
            {
                // However busy, a session ends after the longest the council allows.
                var now = context.Options.TimeProvider!.GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInAt, out var at)
                    || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
                    || now - signedIn > TimeSpan.FromHours(pages.MaxSessionHours))
                    context.RejectPrincipal();
                // Renewed on every request, not only once half the idle time has gone (the handler's default): the
                // session ends exactly SessionMinutes after the last request, which is when the page's warning counts to.
                else context.ShouldRenew = true;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((cookie, clock) => cookie.TimeProvider = clock);

        if (auth.Authority is not null && pages.ClientId is not null)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.Authority = auth.Authority;
                oidc.ClientId = pages.ClientId;
                oidc.ClientSecret = pages.ClientSecret;
                oidc.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.TokenValidationParameters.ValidAlgorithms = SignedIdTokenAlgorithms;
                oidc.SaveTokens = false;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.SignInScheme = CookieScheme;
                oidc.CallbackPath = "/sign-in/callback";
                // The handshake keeps the system clock, not the service's TimeProvider: its cookies' expiry is judged by
                // the browser's clock, and the id_token's lifetime by the identity provider's.
                oidc.TimeProvider = TimeProvider.System;
                oidc.SignedOutCallbackPath = "/sign-out/callback";
                foreach (var scope in pages.Scopes) oidc.Scope.Add(scope);
                oidc.Events.OnTokenValidated = context =>
                {
                    // The handler lets an id_token from the token endpoint go unsigned (OpenID Connect Core 3.1.3.7
                    // trusts TLS there). This service does not: a token without the provider's signature opens nothing.
                    if (context.SecurityToken is not { RawSignature.Length: > 0 } token
                        || !SignedIdTokenAlgorithms.Contains(token.Header.Alg))
                    {
                        context.Fail("The identity provider's id_token is not signed with an algorithm this service accepts.");
                        return Task.CompletedTask;
                    }
                    // The session holds only what the service acts on, named as the API's tokens name it.
                    var agencies = context.HttpContext.RequestServices.GetRequiredService<AgencyDirectory>();
                    if (SessionPrincipal(context.Principal!, pages, agencies) is { } principal) context.Principal = principal;
                    else context.Fail("The identity provider's sign-in says no single role, or a partner's agency this service does not list.");
                    return Task.CompletedTask;
                };
                // Without the id_token kept (SaveTokens is off), the provider learns whose session ends from the client
                // (OpenID Connect RP-Initiated Logout 1.0, section 2), and only then returns to post_logout_redirect_uri.
                oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.ClientId = pages.ClientId;
                    return Task.CompletedTask;
                };
                // Back from the provider with no state of ours (or a forged one): the signed-out page, not a blank one.
                oidc.Events.OnSignedOutCallbackRedirect = context =>
                {
                    if (string.IsNullOrEmpty(context.Properties?.RedirectUri))
                    {
                        context.Response.Redirect(SignedOutPath);
                        context.HandleResponse();
                    }
                    return Task.CompletedTask;
                };
                // A sign-in that fails (refused, tampered with, replayed, or posted without its correlation cookie) is a
                // page that says so, never an error: the handler's reason goes to the log, which holds no claims.
                oidc.Events.OnRemoteFailure = context =>
                {
                    Log(context.HttpContext)
                        .LogWarning("A sign-in through the identity provider failed: {Reason}", context.Failure?.Message);
                    context.Response.Redirect(SignInFailedPath);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(PartnerPages, policy => policy.AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser().RequireRole(Roles.Referrer).AddRequirements(new ActiveAgencyRequirement()));
        return services;
    }

    /// <summary>The identity provider's user as this service's session holds them, or null when they cannot use it.</summary>
    public static ClaimsPrincipal? SessionPrincipal(ClaimsPrincipal signedIn, PagesOptions pages, AgencyDirectory agencies)
    {
        var subject = signedIn.FindFirstValue(Claims.Subject);
        var roles = signedIn.FindAll(pages.RoleClaim).Select(c => c.Value).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(subject) || roles is not [var role] || !Roles.All.Contains(role)) return null;
        var agency = signedIn.FindFirstValue(pages.AgencyClaim);
        if (role == Roles.Referrer && !agencies.AcceptsReferrers(agency)) return null;
        return Session(subject, signedIn.FindFirstValue(Claims.Name) ?? subject, role, role == Roles.Referrer ? agency : null);
    }

    /// <summary>
    /// Whether signing out should also end the session at the identity provider: when the pages sign in there and it
    /// says where (end_session_endpoint). On a shared computer, the next person to press "sign in" would otherwise be
    /// let in as the last. A provider that cannot be reached leaves the service's own sign-out to stand alone.
    /// </summary>
    public static async Task<bool> EndsSessionAtProviderAsync(HttpContext context)
    {
        var schemes = context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        if (await schemes.GetSchemeAsync(OidcScheme) is null) return false;
        var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcScheme);
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
            return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            Log(context).LogWarning("The identity provider could not be reached to end its session: {Reason}", e.Message);
            return false;
        }
    }

    private static ILogger Log(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PageSetup));

    public static ClaimsPrincipal Session(string subject, string name, string role, string? agency)
    {
        var claims = new List<Claim> { new(Claims.Subject, subject), new(Claims.Name, name), new(Claims.Role, role) };
        if (agency is not null) claims.Add(new Claim(Claims.Agency, agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme, Claims.Name, Claims.Role));
    }

    /// <summary>The pages' styles and scripts (built from govuk-frontend), compressed and cached; nothing personal is in them.</summary>
    public static void UsePageAssets(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/frontend"), branch =>
        {
            branch.UseResponseCompression();
            branch.UseStaticFiles(new StaticFileOptions
            {
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        });
    }
}
