namespace TimeActors.Service.Telemetry;

/// <summary>One exposition family: a metric name with its help, type and series.</summary>
public sealed record MetricFamily(string Name, PrometheusType Type, string Help, IReadOnlyList<MetricSeries> Series);
