using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>
/// A real Prometheus (Debian package `prometheus`) on a free loopback port with a temporary config and
/// storage directory, scraping one target every second. Disposing kills it and deletes the directory,
/// also when the test failed.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public PrometheusServer(string target)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package `prometheus`");
        _dir = Directory.CreateTempSubdirectory("ta-prometheus-").FullName;
        Port = TelemetryTestSupport.FreeTcpPort();
        var config = Path.Combine(_dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: timeactors
                static_configs:
                  - targets: ["{target}"]
            """);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
            $"--web.listen-address=127.0.0.1:{Port}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");

        // Its log goes nowhere unless a test fails and asks for it.
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (Log) { Log.Add(e.Data); } } };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (Log) { Log.Add(e.Data); } } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    public List<string> Log { get; } = [];

    public string LogText
    {
        get
        {
            lock (Log)
            {
                return string.Join('\n', Log.TakeLast(30));
            }
        }
    }

    /// <summary>The instant query's result vector (metric labels and value), or null when Prometheus does not answer yet.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>?> QueryAsync(string promql)
    {
        try
        {
            var json = await _http.GetStringAsync($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}");
            using var doc = JsonDocument.Parse(json);
            Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
            return doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                .Select(r => (
                    (IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
                    double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
