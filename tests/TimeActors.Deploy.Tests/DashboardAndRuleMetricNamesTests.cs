using System.Text.Json;
using System.Text.RegularExpressions;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The Grafana dashboard and the alert rules query only series the service exports (the metrics
/// catalog), the rules' own recording rules, and Prometheus' `up`: a renamed metric breaks this test,
/// not a dashboard in production.
/// </summary>
public sealed partial class DashboardAndRuleMetricNamesTests
{
    private static IReadOnlySet<string> RecordedNames() =>
        RecordLine().Matches(File.ReadAllText(DeployFiles.Rules)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static bool Known(string name) =>
        MetricCatalog.Contains(name) || RecordedNames().Contains(name) || name == "up";

    private static List<string> DashboardExpressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DeployFiles.Dashboard));
        var exprs = new List<string>();
        Collect(doc.RootElement, exprs);
        return exprs;
    }

    // Panel targets ("expr") and template variable queries ("query"/"definition" strings).
    private static void Collect(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "expr" or "definition" && p.Value.ValueKind == JsonValueKind.String)
                        into.Add(p.Value.GetString()!);
                    else
                        Collect(p.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                    Collect(item, into);
                break;
        }
    }

    [Fact]
    public void The_catalog_is_not_empty()
    {
        Assert.Contains("timeactors_tracking_offset_seconds", MetricCatalog.Names);
        Assert.True(MetricCatalog.Names.Count >= 40, $"{MetricCatalog.Names.Count} names in {MetricCatalog.CatalogPath}");
    }

    [Fact]
    public void The_dashboard_is_a_grafana_dashboard_with_queries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DeployFiles.Dashboard));
        var root = doc.RootElement;
        Assert.Equal("timeactors", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 20);
        Assert.All(panels.Where(p => p.GetProperty("type").GetString() != "row"), p =>
        {
            Assert.True(p.TryGetProperty("targets", out var targets) && targets.GetArrayLength() > 0, $"panel {p.GetProperty("title")} has no query");
            Assert.True(p.TryGetProperty("gridPos", out _));
        });
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void Every_series_the_dashboard_queries_is_in_the_catalog()
    {
        var unknown = DashboardExpressions().SelectMany(MetricCatalog.NamesIn).Where(n => !Known(n)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"not in {MetricCatalog.CatalogPath}: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_dashboard_shows_each_area_the_issue_names()
    {
        var all = string.Join('\n', DashboardExpressions());
        foreach (var needed in new[]
                 {
                     "timeactors_tracking_offset_seconds", "timeactors_tracking_frequency_ppm", "timeactors_source_reach",
                     "timeactors_source_offset_seconds", "timeactors_source_delay_seconds", "timeactors_source_tx_stamps_total",
                     "timeactors_source_saved_responses_total", "timeactors_server_requests_total",
                     "timeactors_actor_mailbox_depth", "timeactors_actor_message_processing_duration_seconds_bucket",
                 })
        {
            Assert.Contains(needed, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_series_the_alert_rules_query_is_in_the_catalog()
    {
        var exprs = ExprLine().Matches(File.ReadAllText(DeployFiles.Rules)).Select(m => m.Groups[1].Value).ToList();
        Assert.True(exprs.Count >= 10);
        var unknown = exprs.SelectMany(MetricCatalog.NamesIn).Where(n => !Known(n)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"not in {MetricCatalog.CatalogPath}: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void A_name_outside_the_catalog_is_noticed()
    {
        Assert.Contains("timeactors_tracking_offset_ns", MetricCatalog.NamesIn("abs(timeactors_tracking_offset_ns{job=\"x\"}) > 1").Where(n => !Known(n)));
        Assert.Contains("chrony_tracking_last_offset_seconds", MetricCatalog.NamesIn("chrony_tracking_last_offset_seconds{job=\"x\"}").Where(n => !Known(n)));
        Assert.DoesNotContain(MetricCatalog.NamesIn("rate(timeactors_actor_message_processing_duration_seconds_bucket{job=~\"$job\"}[5m])"), n => !Known(n));
    }

    [GeneratedRegex(@"^\s*- record: (\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RecordLine();

    // `expr: ...` on one line, or a folded block (`expr: >-`) up to the next key at the rule's indentation.
    [GeneratedRegex(@"^\s*expr: (?:>-\s*\n)?((?:.|\n)*?)(?=^\s{8}\w+:|\z)", RegexOptions.Multiline)]
    private static partial Regex ExprLine();
}
