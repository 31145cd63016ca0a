using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// The service's telemetry written into the app's LogCapture as lines, so the whole suite's check for a child's
/// personal data covers it as it covers the logs: every span's name, attributes, events and status as the OpenTelemetry
/// SDK exports it, and every metric's labels.
/// </summary>
public sealed class SpanCapture(LogCapture logs, string app) : BaseProcessor<Activity>
{
    public const string AppTag = "test.app";

    public override void OnEnd(Activity span)
    {
        // ASP.NET Core's spans come from every host in this process (the tests' webhook receivers among them): this
        // app's requests are the ones its own pipeline marked (RequestMarker).
        if (span.Source.Name == "Microsoft.AspNetCore" && span.GetTagItem(AppTag) as string != app) return;
        var tags = string.Join(", ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        var events = string.Join(", ", span.Events.Select(e => $"{e.Name}({string.Join(", ", e.Tags.Select(t => $"{t.Key}={t.Value}"))})"));
        logs.Record($"Span {span.Source.Name} '{span.DisplayName}' [{tags}] events [{events}] status {span.Status} {span.StatusDescription}");
    }
}

/// <summary>
/// Every label set recorded on the meters the service exports (its own and ASP.NET Core's, as Telemetry.AddTelemetry
/// adds them) of this app (made by its IMeterFactory), each written once.
/// </summary>
public sealed class MetricLabelCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<string> _seen = [];

    public MetricLabelCapture(IMeterFactory appMeters, LogCapture logs)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == appMeters
                && (instrument.Meter.Name == global::Referrals.Api.Common.ServiceMetrics.MeterName || instrument.Meter.Name.StartsWith("Microsoft.AspNetCore")))
                listener.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var line = $"Metric {instrument.Name} [{string.Join(", ", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}]";
            lock (_seen) if (!_seen.Add(line)) return;
            logs.Record(line);
        }
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Marks each request this app serves, so its spans can be told from other hosts' in the test process.</summary>
public sealed class RequestMarker(string app) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        builder =>
        {
            builder.Use(async (context, following) =>
            {
                Activity.Current?.SetTag(SpanCapture.AppTag, app);
                await following(context);
            });
            next(builder);
        };
}
