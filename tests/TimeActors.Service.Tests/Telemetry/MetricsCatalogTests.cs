using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TimeActors.Service.Hosting;
using TimeActors.Service.Telemetry;
using TimeActors.Service.Tests.Hosting;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>
/// docs/metrics.md and the instruments of a running service are the same set: every instrument the
/// endpoint listens to has a row with its name, type and unit, every row has an instrument, and
/// every label a live series carries is listed for its metric.
/// </summary>
[Collection(TimeActors.Service.Tests.Cli.WholeServiceCollection.Name)]
public sealed class MetricsCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_catalog_lists_exactly_the_instruments_of_a_running_service_with_their_types_units_and_labels()
    {
        using var responder = new LoopbackNtpResponder();
        var settings = TelemetryTestSupport.Settings(_dir, $$"""
            timeactors {
              control.socket = ""
              metrics { listen = "127.0.0.1:0", refresh-interval = 50ms }
              sources = [ { server = "127.0.0.1", port = {{responder.Port}}, iburst = on, minpoll = 0, maxpoll = 0 } ]
              server { listen = ["127.0.0.1:0"], allow = ["127.0.0.0/8"] }
            }
            """);
        using var composition = ServiceComposition.CreateDefault();
        using var host = ServiceHost.Build(settings, composition, TextWriter.Synchronized(new StringWriter()));
        await host.StartAsync();
        try
        {
            var collector = host.Services.GetRequiredService<MetricsEndpointService>().Collector!;
            var catalog = MetricsCatalog.Read().ToDictionary(r => r.Name, StringComparer.Ordinal);
            Assert.True(catalog.Count >= 50, $"only {catalog.Count} rows parsed from {MetricsCatalog.Path}");

            var instruments = collector.Instruments.ToDictionary(PrometheusNaming.MetricName, StringComparer.Ordinal);
            var undocumented = instruments.Keys.Except(catalog.Keys).Order().ToList();
            var missing = catalog.Keys.Except(instruments.Keys).Order().ToList();
            Assert.True(undocumented.Count == 0, "instruments missing from docs/metrics.md: " + string.Join(", ", undocumented));
            Assert.True(missing.Count == 0, "docs/metrics.md rows without an instrument: " + string.Join(", ", missing));
            foreach (var (name, instrument) in instruments)
            {
                Assert.True(PrometheusWriterTypeName(instrument) == catalog[name].Type, $"{name}: the code has {PrometheusWriterTypeName(instrument)}, the catalog {catalog[name].Type}");
                Assert.True(PrometheusNaming.UnitSuffix(instrument.Unit) == catalog[name].Unit, $"{name}: the code's unit is `{instrument.Unit}`, the catalog says `{catalog[name].Unit}`");
            }

            // Labels: wait until the source has been reported (the first status refresh), then every live series' label names must be documented.
            var families = await TelemetryTestSupport.EventuallyAsync(
                () => Task.FromResult(collector.Collect() is var f && f.Any(x => x.Name == "timeactors_source_reach" && x.Series.Count > 0) ? f : null),
                TimeSpan.FromSeconds(20));
            Assert.NotNull(families);
            foreach (var family in families)
            {
                foreach (var series in family.Series)
                {
                    var extra = series.Labels.Select(l => l.Key).Where(k => !catalog[family.Name].Labels.Contains(k)).ToList();
                    Assert.True(extra.Count == 0, $"{family.Name} has labels not in the catalog: {string.Join(", ", extra)}");
                }
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string PrometheusWriterTypeName(System.Diagnostics.Metrics.Instrument instrument) =>
        PrometheusTextWriter.TypeName(PrometheusNaming.TypeOf(instrument));
}
