namespace TimeActors.Service.Telemetry;

/// <summary>One series: its labels and either a value (gauge, counter) or <see cref="HistogramData"/>.</summary>
public sealed record MetricSeries(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, HistogramData? Histogram = null);
