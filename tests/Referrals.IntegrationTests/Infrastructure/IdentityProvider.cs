using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// A council's identity provider on 127.0.0.1, as OpenID Connect describes one: discovery, its signing keys (JWKS), an
/// authorization endpoint answering with the code by form post, and a token endpoint that checks the client's secret,
/// the code's single use, its redirect and the PKCE verifier before it signs an id_token (RS256). Written from the
/// specification, not from the service's code. It can be told to sign a bad token, to see the service refuse it.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public enum Tampering { None, OtherKey, Unsigned, OtherAudience, OtherIssuer, OtherNonce, Expired }

    private sealed record Grant(IReadOnlyDictionary<string, object> Claims, string Nonce, string Challenge, string RedirectUri);

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    private IdentityProvider(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }
    public string ClientSecret { get; }
    public string Url { get; private set; } = "";
    /// <summary>The person who signs in next, as the provider's claims name them.</summary>
    public Dictionary<string, object> User { get; set; } = [];
    public Tampering Tamper { get; set; }
    /// <summary>The person refuses (or the provider does): the authorization answers access_denied.</summary>
    public bool Deny { get; set; }
    public int TokensIssued;
    public int SessionsEnded;

    /// <summary>The service's settings for signing in its pages here.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Auth:DevelopmentSigningKey"] = null,
        ["Auth:Authority"] = Url,
        // The provider is on loopback over plain HTTP: only a test may allow that.
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Https:Require"] = "true",
        ["Pages:ClientId"] = ClientId,
        ["Pages:ClientSecret"] = ClientSecret,
        ["Pages:Scopes:0"] = "profile",
        ["Pages:RoleClaim"] = "roles",
        ["Pages:AgencyClaim"] = "org",
    };

    public static async Task<IdentityProvider> StartAsync(string clientId = "referrals-pages", string clientSecret = "pages-secret-0123456789")
    {
        var app = LoopbackSite.Build();
        var provider = new IdentityProvider(app, clientId, clientSecret);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Url,
            ["authorization_endpoint"] = $"{provider.Url}/authorize",
            ["token_endpoint"] = $"{provider.Url}/token",
            ["jwks_uri"] = $"{provider.Url}/jwks",
            ["end_session_endpoint"] = $"{provider.Url}/end-session",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider._key.ExportParameters(false)) { KeyId = "council-1" });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.Token);
        app.MapGet("/end-session", provider.EndSession);
        provider.Url = await LoopbackSite.StartAsync(app);
        return provider;
    }

    /// <summary>
    /// The person has signed in at the provider: it sends the browser back to the service with a code. The page posts
    /// itself to the service (form_post); the test reads the form and posts it, as the browser would.
    /// </summary>
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != ClientId || !redirect.EndsWith("/sign-in/callback", StringComparison.Ordinal)
            || query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"])
            || !query["scope"].ToString().Split(' ').Contains("openid"))
            return Results.BadRequest("invalid_request");
        var fields = new Dictionary<string, string> { ["state"] = query["state"].ToString() };
        if (Deny) fields["error"] = "access_denied";
        else
        {
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new Grant(new Dictionary<string, object>(User), query["nonce"].ToString(), query["code_challenge"].ToString(), redirect);
            fields["code"] = code;
        }
        if (query["response_mode"] != "form_post") return Results.Redirect(QueryHelpers.AddQueryString(redirect, fields!));
        var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
        return Results.Content($"<form method=\"post\" action=\"{WebUtility.HtmlEncode(redirect)}\">{inputs}<button>Continue</button></form>", "text/html");
    }

    /// <summary>RP-Initiated Logout: the person's session here ends, and the browser goes back where the client asked.</summary>
    private IResult EndSession(HttpRequest request)
    {
        var back = request.Query["post_logout_redirect_uri"].ToString();
        if (request.Query["client_id"] != ClientId || !back.EndsWith("/sign-out/callback", StringComparison.Ordinal))
            return Results.BadRequest("invalid_request");
        Interlocked.Increment(ref SessionsEnded);
        return Results.Redirect(QueryHelpers.AddQueryString(back, "state", request.Query["state"].ToString()));
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (client, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (request.Headers.Authorization.ToString() is var basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (client, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (client != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        // A code is good once, for the redirect it was given to, and to the holder of the PKCE verifier only.
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"]
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        Interlocked.Increment(ref TokensIssued);
        return Results.Json(new { id_token = IdToken(grant), access_token = "opaque-access-token", token_type = "Bearer", expires_in = 300 });
    }

    private string IdToken(Grant grant)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(grant.Claims) { ["nonce"] = Tamper == Tampering.OtherNonce ? "not-the-nonce" : grant.Nonce };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Tamper == Tampering.OtherIssuer ? "https://impostor.example" : Url,
            Audience = Tamper == Tampering.OtherAudience ? "another-client" : ClientId,
            IssuedAt = Tamper == Tampering.Expired ? now.AddHours(-2) : now,
            NotBefore = Tamper == Tampering.Expired ? now.AddHours(-2) : now,
            Expires = Tamper == Tampering.Expired ? now.AddHours(-1) : now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = Tamper switch
            {
                Tampering.Unsigned => null,
                Tampering.OtherKey => new SigningCredentials(new RsaSecurityKey(_otherKey) { KeyId = "council-1" }, SecurityAlgorithms.RsaSha256),
                _ => new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "council-1" }, SecurityAlgorithms.RsaSha256),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
        _otherKey.Dispose();
    }
}
