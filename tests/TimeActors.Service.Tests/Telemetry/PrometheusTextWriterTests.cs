using System.Diagnostics.Metrics;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>The text exposition format 0.0.4 as Prometheus parses it.</summary>
public sealed class PrometheusTextWriterTests
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_backslash_and_newline()
    {
        var text = PrometheusTextWriter.Write(
        [
            new MetricFamily("m", PrometheusType.Gauge, "a \\ help\nline \"quoted\"", [new MetricSeries([new("source", "a\\b\"c\nd")], 1)]),
        ]);

        Assert.Equal(
            "# HELP m a \\\\ help\\nline \"quoted\"\n# TYPE m gauge\nm{source=\"a\\\\b\\\"c\\nd\"} 1\n",
            text);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_end_at_inf_and_are_followed_by_sum_and_count()
    {
        var h = new HistogramData([0.001, 0.01], [2, 3, 1], 0.5, 6);
        var text = PrometheusTextWriter.Write([new MetricFamily("lat_seconds", PrometheusType.Histogram, "h", [new MetricSeries([new("interface", "eth0")], 0, h)])]);

        Assert.Equal(
            """
            # HELP lat_seconds h
            # TYPE lat_seconds histogram
            lat_seconds_bucket{interface="eth0",le="0.001"} 2
            lat_seconds_bucket{interface="eth0",le="0.01"} 5
            lat_seconds_bucket{interface="eth0",le="+Inf"} 6
            lat_seconds_sum{interface="eth0"} 0.5
            lat_seconds_count{interface="eth0"} 6

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public async Task Promtool_accepts_escaped_labels_histograms_counters_and_special_values()
    {
        var text = PrometheusTextWriter.Write(
        [
            new MetricFamily("timeactors_test_lateness_seconds", PrometheusType.Histogram, "Lateness \\ with\nnewline", [new MetricSeries([new("source", "a\\b\"c\nd"), new("interface", "eth0")], 0, new HistogramData([1e-5, 1e-3], [1, 0, 2], 0.25, 3))]),
            new MetricFamily("timeactors_test_samples_total", PrometheusType.Counter, "Samples", [new MetricSeries([new("kind", "hardware")], 12), new MetricSeries([new("kind", "kernel")], 0)]),
            new MetricFamily("timeactors_test_offset_seconds", PrometheusType.Gauge, "Offset", [new MetricSeries([], -0.0), new MetricSeries([new("source", "x")], double.NaN), new MetricSeries([new("source", "y")], 1.5e-9)]),
        ]);

        var (code, output) = await PrometheusScrapeTests.PromtoolCheckAsync(text);
        Assert.True(code == 0, $"promtool check metrics: {output}\n{text}");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(-0.0, "0")]
    [InlineData(1.5e-7, "1.5E-07")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(123456789012.0, "123456789012")]
    public void Values_are_written_as_Prometheus_reads_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Fact]
    public void A_series_without_labels_has_no_braces()
    {
        var text = PrometheusTextWriter.Write([new MetricFamily("c_total", PrometheusType.Counter, "c", [new MetricSeries(NoLabels, 3)])]);
        Assert.EndsWith("# TYPE c_total counter\nc_total 3\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeactors.tracking.offset", "s", PrometheusType.Gauge, "timeactors_tracking_offset_seconds")]
    [InlineData("timeactors.tracking.frequency", "[ppm]", PrometheusType.Gauge, "timeactors_tracking_frequency_ppm")]
    [InlineData("timeactors.actor.messages.processed", "{message}", PrometheusType.Counter, "timeactors_actor_messages_processed_total")]
    [InlineData("timeactors.actor.message.processing.duration", "s", PrometheusType.Histogram, "timeactors_actor_message_processing_duration_seconds")]
    [InlineData("timeactors.tracking.update_interval_seconds", "s", PrometheusType.Gauge, "timeactors_tracking_update_interval_seconds")]
    [InlineData("requests_total", null, PrometheusType.Counter, "requests_total")]
    [InlineData("x-y.z", "By", PrometheusType.Gauge, "x_y_z_bytes")]
    [InlineData("9lives", "1", PrometheusType.Gauge, "_9lives")]
    public void Instrument_names_get_unit_words_and_counters_total(string name, string? unit, PrometheusType type, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, type));

    [Fact]
    public void Instrument_kinds_map_onto_exposition_types()
    {
        using var meter = new Meter("test.types." + Guid.NewGuid().ToString("N"));
        Assert.Equal(PrometheusType.Counter, PrometheusNaming.TypeOf(meter.CreateCounter<long>("a")));
        Assert.Equal(PrometheusType.Counter, PrometheusNaming.TypeOf(meter.CreateObservableCounter("b", () => 1L)));
        Assert.Equal(PrometheusType.Histogram, PrometheusNaming.TypeOf(meter.CreateHistogram<double>("c")));
        Assert.Equal(PrometheusType.Gauge, PrometheusNaming.TypeOf(meter.CreateObservableGauge("d", () => 1.0)));
        Assert.Equal(PrometheusType.Gauge, PrometheusNaming.TypeOf(meter.CreateUpDownCounter<long>("e")));
        Assert.Equal(PrometheusType.Gauge, PrometheusNaming.TypeOf(meter.CreateGauge<double>("f")));
    }
}
