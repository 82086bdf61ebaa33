using System.Diagnostics.Metrics;
using System.Text;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// How an instrument's name and unit become a Prometheus metric name, following OpenTelemetry's
/// Prometheus compatibility rules so the text endpoint and an OTLP-fed Prometheus agree: dots become
/// underscores, the unit is appended as a word (s → seconds, [ppm] → ppm, By → bytes; annotations in
/// braces and "1" add nothing), and counters end in <c>_total</c>.
/// </summary>
public static class PrometheusNaming
{
    public static string MetricName(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return MetricName(instrument.Name, instrument.Unit, TypeOf(instrument));
    }

    public static string MetricName(string instrumentName, string? unit, PrometheusType type)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        var name = Sanitize(instrumentName);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = $"{name}_{suffix}";
        }

        if (type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>The word a unit adds to a name; empty for dimensionless units and annotations such as {message}.</summary>
    public static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "[ppm]" => "ppm",
        "By" => "bytes",
        _ when unit.StartsWith('{') => "",
        _ => Sanitize(unit),
    };

    public static PrometheusType TypeOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => PrometheusType.Counter,
        Histogram<double> or Histogram<long> or Histogram<int> => PrometheusType.Histogram,
        _ => PrometheusType.Gauge,
    };

    /// <summary>A valid metric or label name: [a-zA-Z_:][a-zA-Z0-9_:]*, every other character an underscore.</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var b = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (b.Length == 0 || char.IsAsciiDigit(b[0]))
        {
            b.Insert(0, '_');
        }

        return b.ToString();
    }
}
