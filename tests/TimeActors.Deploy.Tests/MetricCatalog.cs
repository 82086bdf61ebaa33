using System.Text.RegularExpressions;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The Prometheus series the service exports, read from the metrics catalog docs/metrics.md (which the
/// metrics tests hold to the instruments in code).
/// </summary>
internal static partial class MetricCatalog
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    public static string CatalogPath => RepositoryPaths.InRepo("docs", "metrics.md");

    public static IReadOnlySet<string> Names { get; } = Load();

    /// <summary>Whether <paramref name="name"/> is a catalogued series or a histogram's _bucket/_sum/_count of one.</summary>
    public static bool Contains(string name) =>
        Names.Contains(name) || HistogramSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal) && Names.Contains(name[..^s.Length]));

    /// <summary>Every timeactors_* name and every selector (name{ or name[) in a PromQL expression.</summary>
    public static IEnumerable<string> NamesIn(string expr) =>
        TimeActorsName().Matches(expr).Select(m => m.Value)
            .Concat(Selector().Matches(expr).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);

    private static HashSet<string> Load() =>
        TimeActorsName().Matches(File.ReadAllText(CatalogPath)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\w:])timeactors_[a-z0-9_]+")]
    private static partial Regex TimeActorsName();

    // A metric name directly followed by a label matcher or a range: `up{...}`, `foo[5m]`.
    [GeneratedRegex(@"(?<![\w:$])([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[\{\[]")]
    private static partial Regex Selector();
}
