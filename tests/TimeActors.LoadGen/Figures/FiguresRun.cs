using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.Statistics;

namespace TimeActors.LoadGen.Figures;

/// <summary>
/// Issue 9's figures in one run, on loopback, with the same generator against both servers:
/// `timeactors run` (observe mode, synchronised to an upstream chronyd, so stratum 2) and
/// `chronyd -x` (local stratum 1). Throughput at max rate (best of several windows, median of
/// runs) and its ratio, a sweep of offered rates for the loss knee, latency at half the maximum
/// rate, a chronyd -x client's offsets against each server with and without load, and RSS under a
/// flood from many source addresses. Every process and the work directory are removed at the end,
/// on failure and on Ctrl-C too.
/// </summary>
public sealed class FiguresRun : IDisposable
{
    private readonly FiguresSettings _settings;
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<ManagedProcess> _processes = [];
    private readonly StringBuilder _table = new();
    private readonly Dictionary<string, object> _json = [];
    private readonly PosixSignalRegistration[] _signals;
    private int _disposed;

    public FiguresRun(FiguresSettings settings)
    {
        _settings = settings;
        WorkDirectory = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"timeactors-figures-{Environment.ProcessId}"));
        Directory.CreateDirectory(WorkDirectory);
        // Ctrl-C, kill and a closed terminal stop the current load; Run then unwinds and Dispose
        // stops every daemon and removes the directory (the runtime would otherwise just exit).
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];
    }

    public string WorkDirectory { get; }

    public int Run()
    {
        Section("machine");
        Line($"start {DateTime.UtcNow:HH:mm:ss} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Line($"busiest processes (ps %CPU, lifetime average): {TopProcesses()}");

        var upstream = Track(LoopbackChronyd.Server(Path.Combine(WorkDirectory, "upstream"), "upstream chronyd"));
        var chronyd = Track(LoopbackChronyd.Server(Path.Combine(WorkDirectory, "chronyd")));
        WaitForValidReplies(upstream, upstream.Port, TimeSpan.FromSeconds(15));
        var ours = Track(new LoopbackTimeActors(Path.Combine(WorkDirectory, "timeactors"), upstream.Port, _settings.OurServerExtra, _settings.TimeActorsDll));
        WaitForValidReplies(chronyd, chronyd.Port, TimeSpan.FromSeconds(15));
        WaitForValidReplies(ours, ours.Port, TimeSpan.FromSeconds(90)); // synchronised to the upstream first
        Line($"timeactors on 127.0.0.1:{ours.Port} (pid {ours.Pid}, {_settings.TimeActorsDll ?? LoopbackTimeActors.DllPath}, server config: {(_settings.OurServerExtra.Length == 0 ? "defaults" : _settings.OurServerExtra)}); chronyd -x on 127.0.0.1:{chronyd.Port} (pid {chronyd.Pid}); our upstream: chronyd -x on 127.0.0.1:{upstream.Port}");
        (string Name, ManagedProcess Process, int Port)[] servers = [("timeactors", ours, ours.Port), ("chronyd", chronyd, chronyd.Port)];

        // (a) Replies per second at max rate: closed loop, best window per run, median over runs;
        // the servers alternate so a busy moment of the machine does not favour one of them.
        Section($"(a) max rate: closed loop, best of windows {string.Join('/', _settings.Windows)}, {_settings.Sockets} sockets, {_settings.Duration.TotalSeconds:0.#} s per run, median of {_settings.Runs} runs");
        var maxRuns = servers.ToDictionary(s => s.Name, _ => new List<LoadResult>());
        var cpuPerReply = servers.ToDictionary(s => s.Name, _ => new List<double>());
        for (var run = 0; run < _settings.Runs; run++)
        {
            foreach (var server in run % 2 == 0 ? servers : servers.Reverse())
            {
                var best = _settings.Windows
                    .Select(w => LoadMeasuringCpu(server.Process, server.Port, w))
                    .MaxBy(r => r.Result.RepliesPerSecond);
                maxRuns[server.Name].Add(best.Result);
                cpuPerReply[server.Name].Add(best.CpuUsPerReply);
                server.Process.EnsureRunning();
                Line($"  run {run + 1} {server.Name,-10} {best.Result.RepliesPerSecond,9:0}/s (window {best.Result.Window}, loss {best.Result.LossPercent:0.###} %, server CPU {best.CpuUsPerReply:0.00} us per reply, server {best.ServerCpuPercent:0} % of a core, generator {best.GeneratorCpuPercent:0} %)");
            }
        }

        var max = servers.ToDictionary(s => s.Name, s => Median(maxRuns[s.Name].Select(r => r.RepliesPerSecond)));
        var cpu = servers.ToDictionary(s => s.Name, s => Median(cpuPerReply[s.Name]));
        foreach (var server in servers)
        {
            Line($"{server.Name,-10} max {max[server.Name],9:0} replies/s  (runs: {string.Join(", ", maxRuns[server.Name].Select(r => r.RepliesPerSecond.ToString("0", CultureInfo.InvariantCulture)))}); server CPU {cpu[server.Name]:0.00} us per reply = {1e6 / cpu[server.Name]:0} replies per CPU-second");
        }

        // Runs i of both servers were back to back, so their ratio sees about the same machine.
        var pairedRatios = Enumerable.Range(0, _settings.Runs).Select(i => maxRuns["timeactors"][i].RepliesPerSecond / Math.Max(1, maxRuns["chronyd"][i].RepliesPerSecond)).ToList();
        var ratio = max["timeactors"] / Math.Max(1, max["chronyd"]);
        Line($"ratio timeactors / chronyd = {ratio:0.00} (medians); median of per-run ratios {Median(pairedRatios):0.00} ({string.Join(", ", pairedRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}); CPU per reply chronyd / timeactors = {cpu["chronyd"] / cpu["timeactors"]:0.00}");
        _json["max_replies_per_s"] = max;
        _json["max_runs"] = maxRuns.ToDictionary(p => p.Key, p => p.Value.Select(r => r.RepliesPerSecond).ToArray());
        _json["ratio"] = ratio;
        _json["paired_ratios"] = pairedRatios;
        _json["server_cpu_us_per_reply"] = cpu;

        if (_settings.Sections.Contains("knee"))
        {
            // The knee: offered rates as fractions of each server's own maximum, open loop.
            Section($"(a) loss vs offered rate (open loop, fractions of each server's max, {_settings.Duration.TotalSeconds:0.#} s each)");
            var sweeps = new Dictionary<string, object>();
            foreach (var server in servers)
            {
                var steps = _settings.SweepFractions.Select(f => Load(server.Port, rate: f * max[server.Name], window: 1 << 14)).ToList();
                server.Process.EnsureRunning();
                var lossFree = steps.Where(s => s.Lost == 0).Select(s => s.OfferedPerSecond).DefaultIfEmpty(0).Max();
                var knee = steps.FirstOrDefault(s => s.LossPercent > 0.1);
                Line($"{server.Name,-10} offered/s (target) loss: " + string.Join("  ", steps.Select(s => $"{s.OfferedPerSecond:0} ({s.TargetRatePerSecond:0}) {s.LossPercent:0.###}%")));
                Line($"{server.Name,-10} 0 % loss up to {lossFree:0}/s offered; loss > 0.1 % from {(knee is null ? "(not reached)" : knee.OfferedPerSecond.ToString("0", CultureInfo.InvariantCulture) + "/s")}");
                sweeps[server.Name] = steps.Select(s => new { offered_per_s = s.OfferedPerSecond, replies_per_s = s.RepliesPerSecond, loss_percent = s.LossPercent, p50_us = s.LatencyP50Us, p99_us = s.LatencyP99Us }).ToArray();
            }

            _json["sweep"] = sweeps;
        }

        if (_settings.Sections.Contains("latency"))
        {
            // (b) Latency at half of each server's maximum, median of runs.
            Section($"(b) latency at half the maximum rate (open loop, median of {_settings.Runs} runs)");
            var latency = new Dictionary<string, object>();
            foreach (var server in servers)
            {
                var rate = max[server.Name] / 2;
                var runs = Enumerable.Range(0, _settings.Runs).Select(_ => Load(server.Port, rate, window: 1 << 14)).ToList();
                Line($"{server.Name,-10} at {rate:0}/s: p50 {Median(runs.Select(r => r.LatencyP50Us)):0} us, p99 {Median(runs.Select(r => r.LatencyP99Us)):0} us, max {Median(runs.Select(r => r.LatencyMaxUs)):0} us, loss {Median(runs.Select(r => r.LossPercent)):0.###} %");
                latency[server.Name] = new { rate_per_s = rate, p50_us = Median(runs.Select(r => r.LatencyP50Us)), p99_us = Median(runs.Select(r => r.LatencyP99Us)), loss_percent = Median(runs.Select(r => r.LossPercent)) };
            }

            _json["latency_at_half_max"] = latency;
        }

        if (_settings.Sections.Contains("quality"))
        {
            // (c) A chronyd -x client (interleaved, 4 polls/s) against each server, first idle, then
            // while the generator loads that server at the same rate for both (half the smaller max).
            var commonRate = Math.Min(max["timeactors"], max["chronyd"]) / 2;
            Section($"(c) chronyd -x client offsets (xleave, poll -2): idle {_settings.QualityDuration.TotalSeconds / 2:0} s, then under load of {commonRate:0}/s (from 1000 other 127.x addresses) for {_settings.QualityDuration.TotalSeconds:0} s, then the same load from the client's own address for {_settings.QualityDuration.TotalSeconds / 2:0} s");
            var quality = new Dictionary<string, object>();
            foreach (var server in servers)
            {
                quality[server.Name] = MeasureQuality(server.Name, server.Port, commonRate);
                server.Process.EnsureRunning();
            }

            _json["quality"] = quality;
        }

        if (_settings.Sections.Contains("memory"))
        {
            // (d) RSS under a flood from many distinct source addresses.
            Section($"(d) RSS under a flood from {_settings.FloodAddresses} distinct 127.x.y.z addresses ({_settings.FloodDuration.TotalSeconds:0} s, closed loop, each server's best window from (a))");
            var memory = new Dictionary<string, object>();
            foreach (var server in servers)
            {
                var window = maxRuns[server.Name].GroupBy(r => r.Window).MaxBy(g => g.Count())!.Key;
                memory[server.Name] = MeasureFlood(server.Name, server.Process, server.Port, window);
            }

            _json["memory"] = memory;
        }

        Section("machine");
        Line($"end {DateTime.UtcNow:HH:mm:ss} UTC, load average {LoadAverage()}");
        Line($"busiest processes (ps %CPU, lifetime average): {TopProcesses()}");
        if (_settings.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(_json, new JsonSerializerOptions { WriteIndented = true }));
            Line($"figures written to {path}");
        }

        return 0;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        if (Directory.Exists(WorkDirectory))
        {
            // chronyd leaves nothing running once stopped; a daemon that ignored SIGTERM was killed above.
            DaemonPidFiles.KillAll(WorkDirectory);
            Directory.Delete(WorkDirectory, recursive: true);
        }

        _cancel.Dispose();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private static string TopProcesses() =>
        string.Join("; ", Command.Run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"]).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6));

    private T Track<T>(T process)
        where T : ManagedProcess
    {
        _processes.Add(process);
        return process;
    }

    private LoadResult Load(int port, double? rate, int window, TimeSpan? duration = null, int sources = 0, int? sockets = null)
    {
        _cancel.Token.ThrowIfCancellationRequested();
        using var generator = new LoadGenerator(new LoadOptions
        {
            Server = new IPEndPoint(IPAddress.Loopback, port),
            RatePerSecond = rate,
            Window = window,
            Sockets = sockets ?? _settings.Sockets,
            SourceAddresses = sources,
            Duration = duration ?? _settings.Duration,
            Timeout = _settings.Timeout,
            Cancellation = _cancel.Token,
        });
        var result = generator.Run();
        _cancel.Token.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>A closed-loop run and the server's CPU time (user + system, all threads) per valid reply during it.</summary>
    private (LoadResult Result, double CpuUsPerReply, double ServerCpuPercent, double GeneratorCpuPercent) LoadMeasuringCpu(ManagedProcess server, int port, int window)
    {
        var before = ProcessUsage.Read(server.Pid);
        var generatorBefore = ProcessUsage.Read(Environment.ProcessId);
        var result = Load(port, rate: null, window: window);
        var after = ProcessUsage.Read(server.Pid);
        var generatorAfter = ProcessUsage.Read(Environment.ProcessId);
        return (result, (after.CpuTime - before.CpuTime).TotalMicroseconds / Math.Max(1, result.ValidReplies), after.CpuPercentSince(before), generatorAfter.CpuPercentSince(generatorBefore));
    }

    private void WaitForValidReplies(ManagedProcess process, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            process.EnsureRunning();
            var probe = Load(port, rate: 20, window: 4, duration: TimeSpan.FromSeconds(0.25), sockets: 1);
            if (probe.ValidReplies > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{process.Name} on port {port} gave no valid (synchronised) reply within {timeout.TotalSeconds:0} s: {probe}\n{process.Process.Output}");
            }
        }
    }

    private object MeasureQuality(string name, int port, double rate)
    {
        using var client = LoopbackChronyd.Client(Path.Combine(WorkDirectory, $"client-{name}"), port);
        var idleFrom = DateTime.UtcNow;
        _cancel.Token.WaitHandle.WaitOne(_settings.QualityDuration / 2); // the idle period is a span of time to observe
        _cancel.Token.ThrowIfCancellationRequested();

        // The load comes from other addresses than the client's 127.0.0.1: a server keeps its
        // interleaved state per client address, and the generator is not that client ...
        var loadFrom = DateTime.UtcNow;
        var load = Load(port, rate, window: 1 << 14, duration: _settings.QualityDuration, sources: 1000);
        var loadTo = DateTime.UtcNow;

        // ... and then from the client's own address, as when clients share an address behind NAT.
        var sharedFrom = DateTime.UtcNow;
        var shared = Load(port, rate, window: 1 << 14, duration: _settings.QualityDuration / 2);
        var sharedTo = DateTime.UtcNow;
        client.EnsureRunning();
        var log = client.Measurements();

        // The log has whole seconds: skip the second each period starts in, and the iburst start.
        List<ChronyMeasurement> Between(DateTime from, DateTime to) => [.. log.Where(m => m.TimeUtc > from.AddSeconds(1) && m.TimeUtc < to.AddSeconds(-1))];
        var idle = Between(idleFrom.AddSeconds(1), loadFrom);
        var loaded = Between(loadFrom, loadTo);
        var sharedLoaded = Between(sharedFrom, sharedTo);
        Line($"{name,-10} idle:   {Describe(idle)}");
        Line($"{name,-10} loaded: {Describe(loaded)}   (load from 1000 other addresses: {load.RepliesPerSecond:0}/s answered, loss {load.LossPercent:0.###} %)");
        Line($"{name,-10} loaded from the client's own address 127.0.0.1: {Describe(sharedLoaded)}   (load: {shared.RepliesPerSecond:0}/s answered, loss {shared.LossPercent:0.###} %)");
        return new
        {
            idle = Summary(idle),
            loaded = Summary(loaded),
            loaded_from_client_address = Summary(sharedLoaded),
            load_replies_per_s = load.RepliesPerSecond,
            load_loss_percent = load.LossPercent,
        };
    }

    private static string Describe(IReadOnlyList<ChronyMeasurement> all)
    {
        var samples = all.Where(m => m.Interleaved).ToList();
        if (samples.Count == 0)
        {
            return $"no interleaved samples ({all.Count} basic)";
        }

        var accepted = samples.Where(m => m.PassedAllTests).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"interleaved {Stats(samples)} [{samples.Count} of {all.Count} interleaved]; passing all chrony tests {accepted.Count}/{samples.Count}: {(accepted.Count > 0 ? Stats(accepted) : "-")}");
    }

    private static string Stats(IEnumerable<ChronyMeasurement> samples)
    {
        var s = OffsetStatistics.Of(samples.Select(m => m.OffsetS));
        var delay = Median(samples.Select(m => m.PeerDelayS));
        return string.Create(CultureInfo.InvariantCulture, $"n={s.Count} mean {s.MeanS * 1e6:0.0} us sd {s.StandardDeviationS * 1e6:0.0} us (delay median {delay * 1e6:0} us)");
    }

    private static object? Summary(IReadOnlyList<ChronyMeasurement> all)
    {
        var samples = all.Where(m => m.Interleaved).ToList();
        if (samples.Count == 0)
        {
            return null;
        }

        var s = OffsetStatistics.Of(samples.Select(m => m.OffsetS));
        var accepted = samples.Where(m => m.PassedAllTests).ToList();
        var a = accepted.Count > 0 ? OffsetStatistics.Of(accepted.Select(m => m.OffsetS)) : null;
        return new
        {
            n = s.Count,
            measurements = all.Count,
            mean_us = s.MeanS * 1e6,
            sd_us = s.StandardDeviationS * 1e6,
            delay_median_us = Median(samples.Select(m => m.PeerDelayS)) * 1e6,
            accepted_n = accepted.Count,
            accepted_mean_us = a?.MeanS * 1e6,
            accepted_sd_us = a?.StandardDeviationS * 1e6,
        };
    }

    private object MeasureFlood(string name, ManagedProcess server, int port, int window)
    {
        var before = server.RssBytes;
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.Token.WaitHandle.WaitOne(100))
            {
                peak = Math.Max(peak, server.RssBytes);
            }
        });
        LoadResult flood;
        try
        {
            flood = Load(port, rate: null, window: window, duration: _settings.FloodDuration, sources: _settings.FloodAddresses);
        }
        finally
        {
            stop.Cancel();
            sampler.Wait();
        }

        server.EnsureRunning();
        var after = server.RssBytes;
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} RSS before {before / 1048576.0:0.0} MiB, peak {peak / 1048576.0:0.0} MiB, after {after / 1048576.0:0.0} MiB; flood {flood.Sent} requests ({flood.Sent / Math.Max(1, _settings.FloodAddresses)} per address), {flood.RepliesPerSecond:0} replies/s (window {window}), KoD {flood.KissOfDeath}, loss {flood.LossPercent:0.###} %"));
        return new { rss_before_mib = before / 1048576.0, rss_peak_mib = peak / 1048576.0, rss_after_mib = after / 1048576.0, sent = flood.Sent, replies_per_s = flood.RepliesPerSecond, kod = flood.KissOfDeath, loss_percent = flood.LossPercent };
    }

    private void Section(string title)
    {
        Line(string.Empty);
        Line($"== {title}");
    }

    private void Line(string text)
    {
        _table.AppendLine(text);
        Console.WriteLine(text);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _cancel.Cancel();
    }
}
