using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Referrals.Api.Common;

/// <summary>Where telemetry goes: OTLP when an endpoint is configured, and a Prometheus scrape for the networks named.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OpenTelemetry collector (http://collector:4317 for gRPC, :4318 with OtlpProtocol HttpProtobuf); none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// The networks (CIDR, e.g. the monitoring subnet 10.20.0.0/24) from which /metrics may be scraped. Anyone else, and
    /// everyone when none is named, is answered 404 as if it did not exist.
    /// </summary>
    public string[] PrometheusNetworks { get; set; } = [];

    public IReadOnlyList<IPNetwork> Networks() => ConfiguredNetworks.Parse(PrometheusNetworks, "Telemetry:PrometheusNetworks");

    public TelemetryOptions Checked()
    {
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
            throw new InvalidOperationException("Telemetry:OtlpEndpoint must be an absolute http or https address.");
        _ = Networks();
        return this;
    }
}

/// <summary>
/// The service's own measures for operations teams, beside ASP.NET Core's requests and latency. Labels are codes and
/// words only (a channel, an agency type, an outcome): never a name, an id or anything typed into the form.
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "Referrals.Api";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _signOffs;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<int> _commitGroups;

    public ServiceMetrics(IMeterFactory meters, IEnumerable<OperationalGauge> gauges)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("referrals.submitted", "{referral}", "Referrals received, by channel and agency type.");
        _decisions = meter.CreateCounter<long>("referrals.decisions", "{decision}", "Decisions recorded for a child, by outcome.");
        _signOffs = meter.CreateCounter<long>("referrals.sign_offs", "{sign-off}", "Management sign-offs, by result.");
        _deliveries = meter.CreateCounter<long>("feedback.deliveries", "{attempt}",
            "Attempts to deliver a feedback notice, by channel and result (delivered, retry, failed: given up).");
        _commitGroups = meter.CreateHistogram<int>("database.commit_group.size", "{save}",
            "SQLite: saves made durable by one shared commit.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });
        foreach (var gauge in gauges)
            meter.CreateObservableGauge(gauge.Name, gauge.Read, gauge.Unit, gauge.Description);
    }

    public void Submitted(Domain.Channel channel, Domain.AgencyType agencyType) =>
        _submitted.Add(1, new("channel", Domain.EnumWords.Of(channel)), new("agency.type", Domain.EnumWords.Of(agencyType)));

    public void Decided(Domain.DecisionOutcome outcome) => _decisions.Add(1, new KeyValuePair<string, object?>("outcome", Domain.EnumWords.Of(outcome)));

    public void SignedOff(Domain.SignOffResult result) => _signOffs.Add(1, new KeyValuePair<string, object?>("result", Domain.EnumWords.Of(result)));

    public void DeliveryAttempted(string channel, string result) => _deliveries.Add(1, new("channel", channel), new("result", result));

    public void CommitGroup(int saves) => _commitGroups.Record(saves);
}

/// <summary>A figure read when telemetry is collected (a scrape or an export), from the database as it stands.</summary>
public abstract class OperationalGauge(string name, string unit, string description)
{
    public string Name { get; } = name;
    public string Unit { get; } = unit;
    public string Description { get; } = description;

    public abstract long Read();
}

public static class Telemetry
{
    /// <summary>The service's own spans (use cases, feedback deliveries), beside those of ASP.NET Core, EF Core and HttpClient.</summary>
    public static readonly ActivitySource Source = new(ServiceMetrics.MeterName);

    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, TelemetryOptions options, ILoggingBuilder logging)
    {
        services.AddSingleton<ServiceMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("referrals-api"))
            .WithTracing(tracing => tracing
                .AddSource(Source.Name)
                // Health checks and scrapes are noise; a request's span is named by its route template, never its path.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(ScrapePath))
                // No HttpClient spans or metrics: the only calls out are webhooks, and a receiver's address stays out of
                // telemetry as it stays out of the logs (it can carry a partner's secret). The delivery's own span says
                // what operations need: channel, event type, attempt, status and result.
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        if (options.OtlpEndpoint is { } endpoint)
        {
            // Logs go with the traces then, each carrying its trace and span ids.
            logging.AddOpenTelemetry(o => o.IncludeFormattedMessage = true);
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        }
        return services;
    }

    /// <summary>/metrics for Prometheus, from the configured networks only; to anyone else it does not exist (404).</summary>
    public static void MapScrapeEndpoint(this WebApplication app, TelemetryOptions options)
    {
        var networks = options.Networks();
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            var from = context.Connection.RemoteIpAddress;
            if (from is null || !networks.Any(n => n.Contains(from.IsIPv4MappedToIPv6 ? from.MapToIPv4() : from)))
                await context.RefuseAsync(ProblemTypes.NotFound.With("Nothing is here."));
            else await next(context);
        }), optionsName: null).AllowAnonymous();
    }
}

/// <summary>A span for each use case, named for it (SubmitReferral.Command), inside the request's span.</summary>
public sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Name = typeof(TRequest).DeclaringType is { } useCase ? $"{useCase.Name}.{typeof(TRequest).Name}" : typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = Telemetry.Source.StartActivity(Name);
        try
        {
            return await next();
        }
        catch (Exception e)
        {
            // The type only: a message can quote what a user sent.
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
