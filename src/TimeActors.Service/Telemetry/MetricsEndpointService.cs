using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TimeActors.Actors;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// Serves and exports the metrics beside the actor system: a <see cref="MetricsCollector"/> behind
/// the Prometheus endpoint and, when configured, an OpenTelemetry MeterProvider exporting the same
/// instruments (this host's service meter, its actor system's meter and the source event meter)
/// over OTLP. Registered after the actor system, so it starts once the actors exist and stops first.
/// </summary>
public sealed class MetricsEndpointService(
    TimeActorsSettings settings,
    ActorSystem system,
    ServiceMetrics metrics,
    ILogger<MetricsEndpointService> log) : IHostedService, IDisposable
{
    private MetricsCollector? _collector;
    private MetricsHttpServer? _server;
    private MeterProvider? _otlp;

    /// <summary>The Prometheus endpoint's bound address, null while not serving.</summary>
    public IPEndPoint? Endpoint => _server?.LocalEndpoint;

    /// <summary>The collector behind the endpoint (for tests and the catalog check).</summary>
    public MetricsCollector? Collector => _collector;

    /// <summary>Whether an instrument belongs to this host: its service meter, its actor system's meter, or the per-event source meter.</summary>
    public static bool IsOurs(Instrument instrument, Meter serviceMeter, Meter actorMeter)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return ReferenceEquals(instrument.Meter, serviceMeter) || ReferenceEquals(instrument.Meter, actorMeter) || ReferenceEquals(instrument.Meter, SourceTelemetry.EventMeter);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Metrics;
        var serviceMeter = metrics.Meter;
        var actorMeter = system.Metrics.Meter;
        // Touching the event meter creates its instruments before the listener starts, so none is missed.
        _ = SourceTelemetry.EventMeter.Name;
        _collector = new MetricsCollector(i => IsOurs(i, serviceMeter, actorMeter));
        if (options.Listen is { } listen)
        {
            var server = new MetricsHttpServer(listen, _collector.CollectText, log);
            try
            {
                server.Start();
                _server = server;
                log.LogInformation("Metrics endpoint listening on http://{Endpoint}/metrics", server.LocalEndpoint);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                // Metrics are not worth refusing to keep time over: the service runs on without the endpoint.
                log.LogError("Metrics endpoint cannot listen on {Listen}: {Reason}; continuing without it (timeactors.metrics.listen)", listen, e.Message);
            }
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            _otlp = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(r => r.AddService("timeactors"))
                .AddMeter(ServiceMetrics.MeterName, ActorMetrics.MeterName)
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = options.OtlpProtocol == OtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
                    reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                })
                .Build();
            log.LogInformation("Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {Interval}", options.OtlpProtocol, endpoint, options.OtlpInterval);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        // Bounded: an unreachable collector must not hold up the stop budget.
        _otlp?.Shutdown(300);
        Dispose();
    }

    public void Dispose()
    {
        _otlp?.Dispose();
        _otlp = null;
        _collector?.Dispose();
        _collector = null;
    }
}
