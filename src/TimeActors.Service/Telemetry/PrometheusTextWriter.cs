using System.Globalization;
using System.Text;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// Prometheus text exposition format 0.0.4: per family one # HELP and one # TYPE line, then its
/// samples; counters as written (names end in _total), histograms as cumulative _bucket series with
/// an <c>le</c> label ending at +Inf, then _sum and _count. Label values escape \, " and newline;
/// help text escapes \ and newline.
/// </summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        var b = new StringBuilder();
        Write(b, families);
        return b.ToString();
    }

    public static void Write(StringBuilder b, IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(families);
        foreach (var family in families)
        {
            b.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            b.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            foreach (var series in family.Series)
            {
                if (family.Type == PrometheusType.Histogram && series.Histogram is { } h)
                {
                    WriteHistogram(b, family.Name, series.Labels, h);
                }
                else
                {
                    WriteSample(b, family.Name, series.Labels, null, series.Value);
                }
            }
        }
    }

    public static string TypeName(PrometheusType type) => type switch
    {
        PrometheusType.Counter => "counter",
        PrometheusType.Histogram => "histogram",
        _ => "gauge",
    };

    /// <summary>Go's float formatting as Prometheus reads it: shortest round-trip, +Inf, -Inf, NaN.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        0 => "0", // also -0, which a negated zero offset would otherwise show
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static string EscapeHelp(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static void WriteHistogram(StringBuilder b, string name, IReadOnlyList<KeyValuePair<string, string>> labels, HistogramData h)
    {
        long cumulative = 0;
        for (int i = 0; i <= h.UpperBounds.Count; i++)
        {
            cumulative += i < h.BucketCounts.Count ? h.BucketCounts[i] : 0;
            var le = i < h.UpperBounds.Count ? FormatValue(h.UpperBounds[i]) : "+Inf";
            WriteSample(b, name + "_bucket", labels, le, cumulative);
        }

        WriteSample(b, name + "_sum", labels, null, h.Sum);
        WriteSample(b, name + "_count", labels, null, h.Count);
    }

    private static void WriteSample(StringBuilder b, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        b.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            b.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                b.Append(first ? "" : ",").Append(key).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                b.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            b.Append('}');
        }

        b.Append(' ').Append(FormatValue(value)).Append('\n');
    }
}
