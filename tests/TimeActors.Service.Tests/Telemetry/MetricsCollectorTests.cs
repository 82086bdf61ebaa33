using System.Diagnostics.Metrics;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>The MeterListener aggregation behind the endpoint.</summary>
public sealed class MetricsCollectorTests
{
    private static MetricFamily Family(IReadOnlyList<MetricFamily> families, string name) =>
        Assert.Single(families, f => f.Name == name);

    [Fact]
    public void Counters_sum_per_label_set_and_other_meters_are_left_out()
    {
        using var ours = new Meter("test.collector." + Guid.NewGuid().ToString("N"));
        using var other = new Meter("test.other." + Guid.NewGuid().ToString("N"));
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, ours));
        var counter = ours.CreateCounter<long>("things", "{thing}", "Things");
        var ignored = other.CreateCounter<long>("ignored");
        counter.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        counter.Add(7, new KeyValuePair<string, object?>("kind", "b"), new KeyValuePair<string, object?>("x", 1));
        ignored.Add(1);

        var families = collector.Collect();
        var things = Family(families, "things_total");
        Assert.Equal(PrometheusType.Counter, things.Type);
        Assert.Equal("Things", things.Help);
        Assert.Equal(5, Assert.Single(things.Series, s => s.Labels.Count == 1 && s.Labels[0].Value == "a").Value);
        var b = Assert.Single(things.Series, s => s.Labels.Count == 2);
        Assert.Equal(7, b.Value);
        Assert.Equal([new("kind", "b"), new("x", "1")], b.Labels);
        Assert.DoesNotContain(families, f => f.Name.StartsWith("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Histogram_values_fall_in_the_advised_upper_inclusive_buckets()
    {
        using var meter = new Meter("test.collector." + Guid.NewGuid().ToString("N"));
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, meter));
        var histogram = meter.CreateHistogram("lateness", "s", "Lateness", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01] });
        foreach (var v in new[] { 0.0005, 0.001, 0.002, 0.5 })
        {
            histogram.Record(v);
        }

        var h = Assert.Single(Family(collector.Collect(), "lateness_seconds").Series).Histogram!;
        Assert.Equal([0.001, 0.01], h.UpperBounds);
        Assert.Equal([2L, 1L, 1L], h.BucketCounts);
        Assert.Equal(4, h.Count);
        Assert.Equal(0.5035, h.Sum, 12);

        var text = collector.CollectText();
        Assert.Contains("lateness_seconds_bucket{le=\"0.01\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("lateness_seconds_bucket{le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_instruments_are_read_at_each_collect_and_vanished_series_go()
    {
        using var meter = new Meter("test.collector." + Guid.NewGuid().ToString("N"));
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, meter));
        var sources = new List<string> { "a", "b" };
        double value = 1;
        meter.CreateObservableGauge("offset", () => sources.Select(s => new Measurement<double>(value, new KeyValuePair<string, object?>("source", s))), "s");

        Assert.Equal(2, Family(collector.Collect(), "offset_seconds").Series.Count);
        sources.Remove("a");
        value = -2.5;
        var series = Assert.Single(Family(collector.Collect(), "offset_seconds").Series);
        Assert.Equal(-2.5, series.Value);
        Assert.Equal("b", series.Labels[0].Value);
    }

    [Fact]
    public void Synchronous_gauges_keep_the_last_value()
    {
        using var meter = new Meter("test.collector." + Guid.NewGuid().ToString("N"));
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, meter));
        var gauge = meter.CreateGauge<double>("uncertainty", "s");
        gauge.Record(3);
        gauge.Record(0.25);
        Assert.Equal(0.25, Assert.Single(Family(collector.Collect(), "uncertainty_seconds").Series).Value);
    }
}
