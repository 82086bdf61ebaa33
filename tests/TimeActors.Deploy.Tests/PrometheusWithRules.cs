using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// A real Prometheus (Debian package `prometheus`) on a free loopback port that loads
/// deploy/prometheus/timeactors-rules.yml and scrapes one target as job `timeactors` every second,
/// evaluating the rules every second. Dispose kills it and removes its directory.
/// </summary>
internal sealed class PrometheusWithRules : IDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly TempDirectory _dir = DeployFiles.TempDirectory();
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly StringBuilder _log = new();

    public PrometheusWithRules(string target)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install the Debian package `prometheus`");
        Port = FreeTcpPort();
        var config = _dir.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
              - {DeployFiles.Rules}
            scrape_configs:
              - job_name: timeactors
                static_configs:
                  - targets: ["{target}"]
            """);
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={_dir.File("data")}", $"--web.listen-address=127.0.0.1:{Port}" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>GET /api/v1/{path} and its `data`, or null while Prometheus does not answer yet.</summary>
    public async Task<JsonElement?> ApiAsync(string path)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/api/v1/{path}")).ConfigureAwait(false);
            return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
    }

    /// <summary>Alerts Prometheus holds now (pending or firing), as (name, state, labels).</summary>
    public async Task<IReadOnlyList<(string Name, string State, JsonElement Labels)>> AlertsAsync()
    {
        if (await ApiAsync("alerts").ConfigureAwait(false) is not { } data)
        {
            return [];
        }

        return [.. data.GetProperty("alerts").EnumerateArray().Select(a =>
            (a.GetProperty("labels").GetProperty("alertname").GetString()!, a.GetProperty("state").GetString()!, a.GetProperty("labels")))];
    }

    /// <summary>The instant query's result vector.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string promql)
    {
        if (await ApiAsync("query?query=" + Uri.EscapeDataString(promql)).ConfigureAwait(false) is not { } data)
        {
            return [];
        }

        return [.. data.GetProperty("result").EnumerateArray()];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
