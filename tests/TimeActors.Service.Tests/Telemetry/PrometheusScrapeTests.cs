using System.Diagnostics;
using System.Net.Http;
using TimeActors.Service.Hosting;
using TimeActors.Service.Tests.Hosting;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>
/// The endpoint as real tools see it: a Prometheus server scrapes a running service (observe mode, one
/// source on a loopback responder) and its query API returns our tracking, source and actor series;
/// promtool accepts the exposition.
/// </summary>
[Collection(TimeActors.Service.Tests.Cli.WholeServiceCollection.Name)]
public sealed class PrometheusScrapeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-scrape-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Prometheus_scrapes_tracking_source_and_actor_series_and_promtool_accepts_the_exposition()
    {
        using var responder = new LoopbackNtpResponder();
        var metricsPort = TelemetryTestSupport.FreeTcpPort();
        var settings = TelemetryTestSupport.Settings(_dir, $$"""
            timeactors {
              control.socket = ""
              clock.mode = observe
              metrics { listen = "127.0.0.1:{{metricsPort}}", refresh-interval = 100ms }
              sources = [ { server = "127.0.0.1", port = {{responder.Port}}, iburst = on, minpoll = 0, maxpoll = 0 } ]
            }
            """);
        using var composition = ServiceComposition.CreateDefault();
        using var stop = new CancellationTokenSource();
        var run = ServiceRunner.RunAsync(settings, composition, stop.Token, TextWriter.Synchronized(new StringWriter()));
        try
        {
            using var prometheus = new PrometheusServer($"127.0.0.1:{metricsPort}");
            var deadline = TimeSpan.FromSeconds(40);

            var samples = await TelemetryTestSupport.EventuallyAsync(
                async () => await prometheus.QueryAsync("timeactors_source_samples_total > 0") is { Count: > 0 } r ? r : null, deadline);
            Assert.True(samples is not null, "Prometheus never stored a source with samples; its log:\n" + prometheus.LogText);
            var source = Assert.Single(samples);
            Assert.Equal("127.0.0.1", source.Labels["source"]);
            Assert.Equal($"127.0.0.1:{responder.Port}", source.Labels["address"]);
            Assert.Equal("timeactors", source.Labels["job"]);

            var up = await prometheus.QueryAsync("up{job=\"timeactors\"}");
            Assert.Equal(1, Assert.Single(up!).Value);

            var stratum = await prometheus.QueryAsync("timeactors_tracking_stratum");
            Assert.InRange(Assert.Single(stratum!).Value, 1, 16);
            var control = await prometheus.QueryAsync("timeactors_tracking_clock_control");
            Assert.Equal(0, Assert.Single(control!).Value); // observe mode
            var txStamps = await prometheus.QueryAsync("sum without (kind) (timeactors_source_tx_stamps_total)");
            Assert.True(Assert.Single(txStamps!).Value >= samples[0].Value, "every accepted sample has a transmit stamp of some kind");

            var sourceActor = await prometheus.QueryAsync("timeactors_actor_messages_processed_total{actor_type=\"SourceActor\"}");
            Assert.True(Assert.Single(sourceActor!).Value > 0);
            var buckets = await prometheus.QueryAsync("timeactors_actor_message_processing_duration_seconds_bucket{actor_type=\"ClockActor\",le=\"+Inf\"}");
            Assert.True(Assert.Single(buckets!).Value > 0);

            // promtool lints what we serve (types, _total, help, histogram shape).
            using var http = new HttpClient();
            var exposition = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            var (code, output) = await PromtoolCheckAsync(exposition);
            Assert.True(code == 0, "promtool check metrics: " + output);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ServiceRunner.ExitOk, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    internal static async Task<(int Code, string Output)> PromtoolCheckAsync(string exposition)
    {
        const string Promtool = "/usr/bin/promtool";
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: install the Debian package `prometheus`");
        var start = new ProcessStartInfo(Promtool)
        {
            ArgumentList = { "check", "metrics" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return (process.ExitCode, await stdout + await stderr);
    }
}
