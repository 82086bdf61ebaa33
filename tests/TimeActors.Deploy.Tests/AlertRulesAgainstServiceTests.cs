using System.Globalization;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// The alert rules against the series a running service really exports: a real Prometheus loads
/// deploy/prometheus/timeactors-rules.yml and scrapes `timeactors run` (observe mode, one source on a
/// loopback port where nothing answers). The labels and values the service exports must make
/// TimeActorsNotSynchronized and TimeActorsNoReachableSource pending (their `for:` keeps them from
/// firing within a test), the recording rule must produce the clock error bound, and
/// TimeActorsDown must stay quiet while the endpoint answers.
/// </summary>
public sealed class AlertRulesAgainstServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_with_our_rules_sees_an_unsynchronised_service_without_reachable_sources()
    {
        using var dir = DeployFiles.TempDirectory();
        var metricsPort = PrometheusWithRules.FreeTcpPort();
        var silentPort = PrometheusWithRules.FreeTcpPort(); // a UDP port nobody listens on: requests go unanswered
        using var service = new ServiceProcess(dir, new Dictionary<string, string?>(), string.Create(CultureInfo.InvariantCulture, $$"""
            sources = [ { server = "127.0.0.1", port = {{silentPort}}, minpoll = -2, maxpoll = -2 } ]
            metrics.listen = "127.0.0.1:{{metricsPort}}"
            """));
        using var prometheus = new PrometheusWithRules($"127.0.0.1:{metricsPort}");

        // The checks end on the condition; the timer only spaces them (Prometheus evaluates every second).
        var deadline = DateTime.UtcNow + Timeout;
        using var spacing = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        IReadOnlyList<(string Name, string State, System.Text.Json.JsonElement Labels)> alerts = [];
        IReadOnlyList<System.Text.Json.JsonElement> bound = [];
        while (DateTime.UtcNow < deadline)
        {
            // The recording group and the alert group are evaluated on their own schedules, so the
            // alerts can be pending a second before the first recorded error bound exists: wait for both.
            alerts = await prometheus.AlertsAsync();
            bound = await prometheus.QueryAsync("instance:timeactors_clock_error_bound_seconds");
            if (alerts.Any(a => a.Name == "TimeActorsNotSynchronized") && alerts.Any(a => a.Name == "TimeActorsNoReachableSource")
                && bound.Count > 0)
            {
                break;
            }

            await spacing.WaitForNextTickAsync();
        }

        var context = $"alerts: [{string.Join(", ", alerts.Select(a => $"{a.Name}:{a.State}"))}]\nservice:\n{service.Output}\nprometheus:\n{prometheus.Log}";
        var unsynchronised = alerts.SingleOrDefault(a => a.Name == "TimeActorsNotSynchronized");
        Assert.True(unsynchronised.Name is not null, context);
        Assert.Equal("pending", unsynchronised.State);
        Assert.Equal("timeactors", unsynchronised.Labels.GetProperty("job").GetString());
        Assert.Equal($"127.0.0.1:{metricsPort}", unsynchronised.Labels.GetProperty("instance").GetString());

        var unreachable = alerts.SingleOrDefault(a => a.Name == "TimeActorsNoReachableSource");
        Assert.True(unreachable.Name is not null, context);
        Assert.Equal("pending", unreachable.State);

        Assert.DoesNotContain(alerts, a => a.Name is "TimeActorsDown" or "TimeActorsMetricsAbsent");

        Assert.True(bound.Count == 1, context);
        Assert.Equal("timeactors", bound[0].GetProperty("metric").GetProperty("job").GetString());
    }
}
