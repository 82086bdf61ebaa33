using System.Text.RegularExpressions;
using TimeActors.Tests.Shared;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>docs/metrics.md's tables, parsed: one row per metric (name, type, unit word, label names).</summary>
internal static partial class MetricsCatalog
{
    public static string Path => RepositoryPaths.InRepo("docs", "metrics.md");

    public static IReadOnlyList<Row> Read()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path))
        {
            var m = RowPattern().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var unit = m.Groups["unit"].Value.Trim();
            var labels = LabelPattern().Matches(m.Groups["labels"].Value).Select(l => l.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            rows.Add(new Row(m.Groups["name"].Value, m.Groups["type"].Value.Trim(), unit == "—" ? "" : unit, labels));
        }

        return rows;
    }

    [GeneratedRegex(@"^\| `(?<name>timeactors_[a-z0-9_]+)` \| (?<type>[a-z]+) \| (?<unit>[^|]+) \| (?<labels>[^|]+) \|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"`([a-z_]+)`")]
    private static partial Regex LabelPattern();

    public sealed record Row(string Name, string Type, string Unit, IReadOnlySet<string> Labels);
}
