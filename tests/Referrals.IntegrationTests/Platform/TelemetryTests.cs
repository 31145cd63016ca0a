using System.Text.Json;
using Referrals.IntegrationTests.Feedback;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// What operations teams see (OpenTelemetry): traces of requests, use cases, database calls and webhook deliveries;
/// the metrics they watch; a Prometheus scrape only the monitoring network reaches; and JSON logs carrying the trace id.
/// None of it holds a child's personal data: ReferralsApp writes every span and metric label into the log capture,
/// so the whole suite's check covers telemetry as well as logs.
/// Run alone: the SDK reads a meter by its name, so with other tests' apps alive in this process a scrape could show
/// one of theirs (in production there is one app to a process).
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task A_referral_taken_to_its_outcome_and_told_to_its_agency_is_traced_and_counted(Engine engine)
    {
        using var app = new ReferralsApp(engine, WebhookReceiver.AppSettings());
        await using var receiver = await WebhookReceiver.StartAsync();
        await Feedbacking.Subscribe(app, receiver.Url);
        await Feedbacking.ToOutcome(app);
        await Feedbacking.Drain(app);

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.StartsWith("Span Microsoft.AspNetCore 'POST /v1/referrals/'"));
        Assert.Contains(lines, l => l.StartsWith("Span Microsoft.AspNetCore 'POST /v1/referrals/{id:guid}/children/{childId:guid}/decision'"));
        Assert.Contains(lines, l => l.StartsWith("Span Referrals.Api 'SubmitReferral.Command'"));
        Assert.Contains(lines, l => l.StartsWith("Span Referrals.Api 'RecordDecision.Command'"));
        Assert.Contains(lines, l => l.StartsWith("Span OpenTelemetry.Instrumentation.EntityFrameworkCore"));
        Assert.Contains(lines, l => l.StartsWith("Span Referrals.Api 'feedback deliver'") && l.Contains("feedback.result=delivered")
            && l.Contains("feedback.channel=webhook") && l.Contains("http.response.status_code=2"));
        // The receiver's address is in no span and no label, as it is in no log line.
        Assert.DoesNotContain(lines, l => l.Contains(new Uri(receiver.Url).Authority));

        Assert.Contains(lines, l => l.StartsWith("Metric referrals.submitted [channel=electronic-form, agency.type=school]"));
        Assert.Contains(lines, l => l.StartsWith("Metric referrals.decisions [outcome=social-care-assessment]"));
        Assert.Contains(lines, l => l.StartsWith("Metric referrals.sign_offs [result=agreed]"));
        Assert.Contains(lines, l => l.StartsWith("Metric feedback.deliveries [channel=webhook, result=delivered]"));
        Assert.Contains(lines, l => l.StartsWith("Metric http.server.request.duration") && l.Contains("http.route=/v1/referrals/"));
        if (engine == Engine.Sqlite) Assert.Contains(lines, l => l.StartsWith("Metric database.commit_group.size"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_monitoring_network_scrapes_the_overdue_referrals_and_the_delivery_backlog(Engine engine)
    {
        using var app = new ReferralsApp(engine, new Dictionary<string, string?> { ["Telemetry:PrometheusNetworks:0"] = "127.0.0.1/32" });
        using var monitoring = new HttpClient { BaseAddress = app.StartOnLoopback() };
        await Feedbacking.Subscribe(app, "https://agency.example.org/hooks/referrals");
        await Triage.Triaging.Submit(app);
        await Triage.Triaging.Submit(app);

        // A week on, neither has a decision; each acknowledgement waits for the agency's system (no worker runs here).
        // One scrape only: the exporter answers a second within 300 ms from its cache.
        app.Clock.Advance(TimeSpan.FromDays(7));
        var scrape = await monitoring.GetStringAsync("/metrics");
        Assert.Equal(2, Gauge(scrape, "referrals_overdue"));
        Assert.Equal(2, Gauge(scrape, "feedback_deliveries_pending"));
        Assert.Contains("referrals_submitted_total{", scrape);
        Assert.Contains("http_server_request_duration_seconds_bucket{", scrape);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.20.0.0/24")]
    public async Task Anyone_outside_the_monitoring_network_finds_no_metrics_at_all(string? network)
    {
        var settings = network is null ? null : new Dictionary<string, string?> { ["Telemetry:PrometheusNetworks:0"] = network };
        using var app = new ReferralsApp(Engine.Sqlite, settings);
        using var outsider = new HttpClient { BaseAddress = app.StartOnLoopback() };
        outsider.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(Roles.Manager));
        var response = await outsider.GetAsync("/metrics");
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());
        Assert.DoesNotContain("referrals_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_service_logs_json_lines_each_request_with_its_trace_id()
    {
        // Request lines are Information, which the shipped settings hold back for ASP.NET Core; let them through here.
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = new HttpClient { BaseAddress = service.Address };
        var answer = await client.GetAsync("/v1/referrals");
        var traceId = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!;
        await Task.Delay(500);

        var lines = service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(lines, l => l.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
        Assert.All(lines, l => Assert.True(l.TryGetProperty("Timestamp", out _) && l.TryGetProperty("LogLevel", out _)));
        // The W3C trace id in the problem (00-<trace>-<span>-01) is the one the request's log lines carry.
        var trace = traceId.Split('-')[1];
        Assert.Contains(lines, l => l.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == trace));
    }

    private static double Gauge(string scrape, string name) =>
        scrape.Split('\n').Where(l => l.StartsWith(name + "{") || l.StartsWith(name + " "))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Single();
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;
