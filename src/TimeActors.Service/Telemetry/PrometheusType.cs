namespace TimeActors.Service.Telemetry;

/// <summary>The metric types the text exposition writes (# TYPE).</summary>
public enum PrometheusType
{
    Gauge,
    Counter,
    Histogram,
}
