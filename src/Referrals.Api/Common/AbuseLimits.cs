using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Referrals.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Referrals.Api.Common;

/// <summary>Configuration section "Limits".</summary>
public sealed class RequestLimits
{
    public long MaxRequestBodyBytes { get; set; } = 1_000_000;
    /// <summary>Referrals one user may send a minute: far above a person's pace, well below a script's.</summary>
    public int SubmissionsPerMinute { get; set; } = 30;
    /// <summary>
    /// Quality checks one user may ask for a minute: a form checks the draft as the referrer types (a pause in typing, a
    /// field left), so a few a second at most; a check stores nothing and takes well under a millisecond.
    /// </summary>
    public int QualityChecksPerMinute { get; set; } = 300;
    /// <summary>Figures, reports and inspection lists one user may ask for a minute (each reads a period of history).</summary>
    public int MetricsPerMinute { get; set; } = 60;
    /// <summary>
    /// Reads of referrals (lists, a referral, its copy, outcome, trail, the queue, the feed) one user may make a minute: a
    /// person reads a few pages a minute; each read is audited, so a script's pace would fill the audit trail.
    /// </summary>
    public int ReadsPerMinute { get; set; } = 120;
    /// <summary>
    /// PDF copies rendered at once (each takes a core while it renders); others wait up to PdfWait, then 503. Half the
    /// cores leaves the rest for everyone else.
    /// </summary>
    public int PdfRendersAtOnce { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
    public TimeSpan PdfWait { get; set; } = TimeSpan.FromSeconds(10);

    public RequestLimits Checked() =>
        new[] { SubmissionsPerMinute, QualityChecksPerMinute, MetricsPerMinute, ReadsPerMinute, PdfRendersAtOnce }.All(n => n >= 1)
        && MaxRequestBodyBytes >= 10_000
            ? this
            : throw new InvalidOperationException("Limits: SubmissionsPerMinute, QualityChecksPerMinute, MetricsPerMinute, ReadsPerMinute and PdfRendersAtOnce " +
                "must be at least 1, MaxRequestBodyBytes at least 10000.");
}

/// <summary>Configuration section "Https".</summary>
public sealed class HttpsOptions
{
    /// <summary>Refuse plain HTTP (health checks aside) and send HSTS. On by default in Production.</summary>
    public bool? Require { get; set; }
    public int HstsMaxAgeDays { get; set; } = 365;
    /// <summary>Addresses of the load balancers that terminate TLS, whose X-Forwarded-Proto and -For are believed.</summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>
/// What stops one caller overwhelming the service or a browser being turned against it: per-user rate limits
/// (429 with Retry-After), security headers on every answer, and HTTPS with HSTS in production.
/// </summary>
public static class AbuseLimits
{
    public const string Submissions = "submissions", QualityChecks = "quality-checks", Metrics = "metrics", Reads = "reads";

    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, RequestLimits limits, HttpsOptions https)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Submissions, context => PerUser(context, limits.SubmissionsPerMinute));
            options.AddPolicy(QualityChecks, context => PerUser(context, limits.QualityChecksPerMinute));
            options.AddPolicy(Metrics, context => PerUser(context, limits.MetricsPerMinute));
            options.AddPolicy(Reads, context => PerUser(context, limits.ReadsPerMinute));
            options.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await rejected.HttpContext.RefuseAsync(ProblemTypes.TooManyRequests.With($"Try again in {seconds} seconds. Nothing was stored."));
            };
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(https.HstsMaxAgeDays);
            options.IncludeSubDomains = true;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default: anything on the host could then claim "https". Only the configured proxies.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in ConfiguredNetworks.Parse(https.TrustedProxies, "Https:TrustedProxies"))
                options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>Each signed-in user has their own allowance (so one partner's script cannot use up another's); others by address.</summary>
    private static RateLimitPartition<string> PerUser(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.User.FindFirstValue(Claims.Subject) is { Length: > 0 } user ? $"user:{user}" : $"address:{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public static WebApplication UseAbuseLimits(this WebApplication app, HttpsOptions https)
    {
        // With no proxy configured the middleware would believe everyone (it checks sources only when it has some), so it
        // runs only where a council names its load balancers.
        if (https.TrustedProxies.Length > 0) app.UseForwardedHeaders();
        if (https.Require ?? app.Environment.IsProduction())
        {
            app.UseHsts();
            app.Use(async (context, next) =>
            {
                // Load balancers check health over plain HTTP; everything else must come over TLS.
                if (!context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/health"))
                    await context.RefuseAsync(ProblemTypes.HttpsRequired.With(null));
                else await next();
            });
        }
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                // An API answers data, not pages: nothing may run or be framed (the printable copy sets its own policy).
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                // Personal data must not linger in a browser's or a proxy's cache.
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
