using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using System.Diagnostics.Metrics;
using OpenTelemetry.Trace;
using Npgsql;
using Referrals.Api.Data;
using Referrals.Api.Data.Saving;
using Referrals.Api.Features.Feedback;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// The real service in process: the whole HTTP pipeline, real JWT validation, and a database of its
/// own on the chosen engine (a new SQLite file, or a new PostgreSQL database).
/// </summary>
public sealed class ReferralsApp : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _sqliteFile;

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the app's own, for a test that needs a seam (a resolver, say).</param>
    public ReferralsApp(Engine engine, IDictionary<string, string?>? settings = null, string environment = "Development",
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Engine = engine;
        Environment = environment;
        Logs = new LogCapture(PersonalData);
        string connectionString;
        if (engine == Engine.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "referrals-tests");
            Directory.CreateDirectory(folder);
            _sqliteFile = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            var server = OnPostgresAttribute.ConnectionString
                ?? throw new InvalidOperationException($"{OnPostgresAttribute.Variable} is not set.");
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"referrals_test_{Guid.NewGuid():N}" }.ToString();
        }
        ConnectionString = connectionString;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = engine.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Auth:DevelopmentSigningKey"] = SigningKey,
            ["Auth:Audience"] = Auth.Audience,
            ["Auth:DevelopmentIssuer"] = Auth.DevelopmentIssuer,
            ["Limits:MaxRequestBodyBytes"] = "200000",
            // The suite submits far faster than any person; the rate limit tests set their own.
            ["Limits:SubmissionsPerMinute"] = "1000000",
            ["Limits:QualityChecksPerMinute"] = "1000000",
            ["Limits:MetricsPerMinute"] = "1000000",
            ["Limits:ReadsPerMinute"] = "1000000",
            // Tests drive the delivery worker themselves (Dispatcher), unless a test turns it on.
            ["Feedback:Delivery:Enabled"] = "false",
            ["Feedback:Webhooks:AllowInsecureUrls"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public Engine Engine { get; }
    public string Environment { get; }
    public string ConnectionString { get; }
    public FakeTimeProvider Clock { get; } = new(TestClock.TuesdayMorning);
    /// <summary>Every child's personal detail the tests have sent this app.</summary>
    public PersonalData PersonalData { get; } = new();
    /// <summary>Every line the service logs, at the levels its configuration sets.</summary>
    public LogCapture Logs { get; }
    public AuthOptions Auth { get; } = new() { DevelopmentSigningKey = SigningKey, Audience = "referrals-api", DevelopmentIssuer = "referrals-development" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            var app = Guid.NewGuid().ToString("N");
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RequestMarker(app));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SpanCapture(Logs, app)));
            _services?.Invoke(services);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>A client carrying a real token signed with the development key, issued now by the app's clock.</summary>
    public HttpClient As(string role, string? agency = null, string? name = null, string? userId = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, agency, name, userId));
        return client;
    }

    public string Token(string role, string? agency = null, string? name = null, string? userId = null, AuthOptions? signWith = null, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null) =>
        DevelopmentTokens.Issue(signWith ?? Auth, new DevelopmentTokens.Request(role, agency, name ?? $"Test {role}", userId ?? $"{role}-{agency ?? "council"}", lifetime), issuedAt ?? Clock.GetUtcNow());

    /// <summary>A token signed with the app's key carrying exactly these claims (for tokens of shapes the service must refuse).</summary>
    public string Signed(IDictionary<string, object> claims, DateTimeOffset? issuedAt, DateTimeOffset expires)
    {
        var descriptor = new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = Auth.DevelopmentIssuer, Audience = Auth.Audience, Claims = claims, IssuedAt = issuedAt?.UtcDateTime,
            NotBefore = issuedAt?.UtcDateTime, Expires = expires.UtcDateTime,
            SigningCredentials = new(DevelopmentTokens.Key(Auth), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Every client the tests use checks, after each answer, that no personal detail sent so far has been logged.</summary>
    public HttpClient Anonymous() => CreateDefaultClient(new PersonalDataGuard(PersonalData, Logs));

    /// <summary>The app's own delivery worker, for a test to run a pass when it chooses.</summary>
    public FeedbackDispatcher Dispatcher => Services.GetRequiredService<FeedbackDispatcher>();

    /// <summary>A fresh DbContext on the app's database, for checking what was (or was not) stored.</summary>
    public ReferralsDbContext Db() => Services.CreateScope().ServiceProvider.GetRequiredService<ReferralsDbContext>();

    /// <summary>A fresh DbContext with the unit of work that saves changes to referrals on it, as a handler has them.</summary>
    public (ReferralsDbContext Db, UnitOfWork Save) Saving()
    {
        var scope = Services.CreateScope().ServiceProvider;
        return (scope.GetRequiredService<ReferralsDbContext>(), scope.GetRequiredService<UnitOfWork>());
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = Db();
        return await db.Set<T>().CountAsync();
    }

    /// <summary>Serves the app on Kestrel at a free loopback port too, for callers that need a real socket; its address.</summary>
    public Uri StartOnLoopback()
    {
        var port = Loopback.FreePort();
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    private MetricLabelCapture? _metricLabels;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _metricLabels = new MetricLabelCapture(host.Services.GetRequiredService<IMeterFactory>(), Logs);
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _metricLabels?.Dispose();
        if (_sqliteFile is null) return;
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}

/// <summary>One app per engine, shared by a test class; built on first use so a skipped engine costs nothing.</summary>
public sealed class Apps : IDisposable
{
    private readonly Dictionary<Engine, ReferralsApp> _apps = [];
    private readonly Lock _lock = new();

    public ReferralsApp For(Engine engine)
    {
        lock (_lock)
        {
            if (!_apps.TryGetValue(engine, out var app))
            {
                app = new ReferralsApp(engine);
                _ = app.Server; // start it (and migrate) now
                _apps[engine] = app;
            }
            app.Clock.AdjustTime(TestClock.TuesdayMorning);
            return app;
        }
    }

    public void Dispose()
    {
        foreach (var app in _apps.Values) app.Dispose();
    }
}
