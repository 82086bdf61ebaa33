using System.Text.RegularExpressions;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// deploy/prometheus/timeactors-rules.yml: promtool accepts it, its unit tests
/// (timeactors-rules.test.yml) pass, every alert has a test in which it fires, and the tests fail
/// when a rule is changed, so they hold the rules to what they promise.
/// </summary>
public sealed partial class PrometheusRulesTests
{
    private static IReadOnlyList<string> AlertNames() =>
        [.. AlertLine().Matches(File.ReadAllText(DeployFiles.Rules)).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Promtool_check_rules_passes()
    {
        var result = Tool.Run("promtool", "check", "rules", DeployFiles.Rules).EnsureSuccess("promtool check rules");
        Assert.Contains("SUCCESS", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Promtool_unit_tests_of_the_rules_pass()
    {
        var result = Tool.Run("promtool", "test", "rules", DeployFiles.RulesTest).EnsureSuccess("promtool test rules");
        Assert.Contains("SUCCESS", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_cover_what_the_issue_asks_for()
    {
        var alerts = AlertNames();
        foreach (var required in new[]
                 {
                     "TimeActorsDown", "TimeActorsNotSynchronized", "TimeActorsOffsetTooLarge",
                     "TimeActorsNoReachableSource", "TimeActorsHardwareTxStampsFallingBack",
                 })
        {
            Assert.Contains(required, alerts);
        }
    }

    [Fact]
    public void Every_alert_fires_in_at_least_one_unit_test()
    {
        var tests = File.ReadAllText(DeployFiles.RulesTest);
        var firing = FiringCase().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var quiet = QuietCase().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(AlertNames(), a => Assert.Contains(a, firing));
        Assert.NotEmpty(quiet);
    }

    [Theory]
    [InlineData("abs(timeactors_tracking_offset_seconds) > 0.05", "abs(timeactors_tracking_offset_seconds) > 0.5")]
    [InlineData("timeactors_tracking_synchronized == 0\n        for: 10m", "timeactors_tracking_synchronized == 0\n        for: 20m")]
    [InlineData("{kind!=\"hardware\"}", "{kind=\"daemon\"}")]
    [InlineData("and on (job, instance, interface)\n          (timeactors_interface_hw_timestamping == 1)", "and on (job, instance, interface)\n          (timeactors_interface_hw_timestamping >= 0)")]
    [InlineData("sum by (job, instance) (timeactors_source_reachable) == 0", "sum by (job, instance, source) (timeactors_source_reachable) == 0")]
    [InlineData("code=~\"(?i)deny|rstr\"", "code=~\".+\"")]
    [InlineData("up{job=\"timeactors\"} == 0\n        for: 5m", "up{job=\"timeactors\"} == 0\n        for: 1m")]
    public void A_changed_rule_fails_its_unit_tests(string original, string changed)
    {
        using var dir = DeployFiles.TempDirectory();
        var rules = File.ReadAllText(DeployFiles.Rules);
        Assert.Contains(original, rules, StringComparison.Ordinal);
        File.WriteAllText(dir.File("timeactors-rules.yml"), rules.Replace(original, changed, StringComparison.Ordinal));
        File.Copy(DeployFiles.RulesTest, dir.File("timeactors-rules.test.yml"));

        var result = Tool.Run("promtool", "test", "rules", dir.File("timeactors-rules.test.yml"));
        Assert.True(result.ExitCode != 0, $"the unit tests still pass with `{changed}`:\n{result}");
        Assert.Contains("FAILED", result.Output + result.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*- alert: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"alertname: (\w+)\s*\n\s*exp_alerts:\s*\n\s*- exp_labels:")]
    private static partial Regex FiringCase();

    [GeneratedRegex(@"alertname: (\w+)\s*\n\s*exp_alerts: \[\]")]
    private static partial Regex QuietCase();
}
