using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TimeActors.Service.Hosting;
using TimeActors.Service.Settings;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary><c>timeactors.metrics</c>: defaults, binding and the errors an operator sees.</summary>
public sealed class MetricsSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-metrics-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Defaults_serve_on_loopback_port_9465_without_OTLP()
    {
        var m = TelemetryTestSupport.Settings(_dir, "timeactors {}").Metrics;
        Assert.True(m.Enabled);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9465), m.Listen);
        Assert.NotEqual(9100, MetricsSettings.DefaultPort); // node_exporter
        Assert.NotEqual(9123, MetricsSettings.DefaultPort); // chrony_exporter
        Assert.Null(m.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(1), m.RefreshInterval);
    }

    [Fact]
    public void Listen_OTLP_and_intervals_bind()
    {
        var m = TelemetryTestSupport.Settings(_dir, """
            timeactors.metrics {
              listen = "[::1]:19000"
              refresh-interval = 250ms
              otlp { endpoint = "http://127.0.0.1:4318/v1/metrics", protocol = http-protobuf, interval = 30s }
            }
            """).Metrics;
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 19000), m.Listen);
        Assert.Equal(TimeSpan.FromMilliseconds(250), m.RefreshInterval);
        Assert.Equal(new Uri("http://127.0.0.1:4318/v1/metrics"), m.OtlpEndpoint);
        Assert.Equal(OtlpProtocol.HttpProtobuf, m.OtlpProtocol);
        Assert.Equal(TimeSpan.FromSeconds(30), m.OtlpInterval);
        Assert.Null(TelemetryTestSupport.Settings(_dir, "timeactors.metrics.listen = \"\"").Metrics.Listen);
    }

    [Fact]
    public void Disabled_metrics_add_no_endpoint_service_or_instruments_to_the_host()
    {
        var settings = TelemetryTestSupport.Settings(_dir, "timeactors { control.socket = \"\", metrics.enabled = off }");
        using var composition = ServiceComposition.CreateDefault();
        using var host = ServiceHost.Build(settings, composition, TextWriter.Null);
        Assert.Null(host.Services.GetService<MetricsEndpointService>());
        Assert.Null(host.Services.GetService<ServiceMetrics>());
    }

    [Theory]
    [InlineData("listen = \"localhost:9465\"", "timeactors.metrics.listen")]
    [InlineData("listen = \"127.0.0.1\"", "timeactors.metrics.listen")]
    [InlineData("otlp.endpoint = \"collector:4317\"", "timeactors.metrics.otlp.endpoint")]
    [InlineData("otlp.protocol = udp", "timeactors.metrics.otlp.protocol")]
    [InlineData("refresh-interval = 0s", "timeactors.metrics.refresh-interval")]
    [InlineData("listn = \"127.0.0.1:1\"", "did you mean `listen`")]
    public void Invalid_values_fail_at_start_naming_the_key(string line, string expected)
    {
        var e = Assert.Throws<SettingsException>(() => TelemetryTestSupport.Settings(_dir, $"timeactors.metrics {{ {line} }}"));
        Assert.Contains(e.Errors, error => error.ToString().Contains(expected, StringComparison.Ordinal));
    }
}
