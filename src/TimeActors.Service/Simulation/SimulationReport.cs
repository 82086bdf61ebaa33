using System.Globalization;
using System.Text.Json;
using TimeActors.Service.Control;
using TimeActors.Simulation;

namespace TimeActors.Service.Simulation;

/// <summary>How `timeactors simulate` prints runs: one JSON object per run (and the per-metric median over seeds), or a short text summary.</summary>
public static class SimulationReport
{
    /// <summary>The figures the median is taken of, with their JSON names.</summary>
    public static readonly IReadOnlyList<(string Name, Func<SimulationResult, double> Value)> Metrics =
    [
        ("sync_time_s", r => r.SyncTimeSeconds),
        ("max_offset_s", r => r.MaxOffsetSeconds),
        ("rms_offset_s", r => r.RmsOffsetSeconds),
        ("max_freq_ppm", r => r.MaxFrequencyPpm),
        ("rms_freq_ppm", r => r.RmsFrequencyPpm),
        ("samples", r => r.Samples),
        ("hardware_tx_share", HardwareTxShare),
        ("wall_time_s", r => r.WallTimeSeconds),
    ];

    public static double HardwareTxShare(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Samples == 0 ? 0 : (double)r.TxStamps.Hardware / r.Samples;
    }

    public static void WriteJson(Utf8JsonWriter w, SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("scenario", r.Scenario);
        w.WriteNumber("seed", r.Seed);
        w.WriteNumber("duration_s", r.DurationSeconds);
        w.WriteNumber("stats_from_s", r.StatsFromSeconds);
        w.WriteNumber("sync_time_s", r.SyncTimeSeconds);
        w.WriteNumber("max_offset_s", r.MaxOffsetSeconds);
        w.WriteNumber("rms_offset_s", r.RmsOffsetSeconds);
        w.WriteNumber("max_freq_ppm", r.MaxFrequencyPpm);
        w.WriteNumber("rms_freq_ppm", r.RmsFrequencyPpm);
        w.WriteNumber("samples", r.Samples);
        // The status contract's objects, written by the same code so the two cannot drift apart.
        StatusJson.WriteStamps(w, "tx_stamps", r.TxStamps);
        StatusJson.WriteSavedResponses(w, r.SavedResponses);
        w.WriteNumber("steps", r.Steps.Count(s => !s.Leap));
        w.WriteNumber("leap_seconds", r.Steps.Count(s => s.Leap));
        w.WriteNumber("final_offset_from_leap_free_s", r.FinalOffsetFromLeapFreeSeconds);
        w.WriteStartArray("ever_selected");
        foreach (var name in r.EverSelected)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        if (r.Chrony is { } chrony)
        {
            w.WriteStartObject("chrony");
            WriteOptional(w, "sync_time_s", chrony.SyncTimeSeconds);
            WriteOptional(w, "max_offset_s", chrony.MaxOffsetSeconds);
            WriteOptional(w, "rms_offset_s", chrony.RmsOffsetSeconds);
            WriteOptional(w, "max_freq_ppm", chrony.MaxFrequencyPpm);
            WriteOptional(w, "rms_freq_ppm", chrony.RmsFrequencyPpm);
            w.WriteEndObject();
        }

        w.WriteNumber("wall_time_s", Math.Round(r.WallTimeSeconds, 3));
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    /// <summary>One run: its object. Several: <c>{"runs": [...], "median": {...}}</c>.</summary>
    public static string ToJson(IReadOnlyList<SimulationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            if (runs.Count == 1)
            {
                WriteJson(w, runs[0]);
            }
            else
            {
                w.WriteStartObject();
                w.WriteStartArray("runs");
                foreach (var run in runs)
                {
                    WriteJson(w, run);
                }

                w.WriteEndArray();
                w.WriteStartObject("median");
                foreach (var (name, value) in Metrics)
                {
                    w.WriteNumber(name, Median(runs.Select(value)));
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A few lines a person reads: the figures with units, chrony's beside them when the scenario has them.</summary>
    public static void WriteText(TextWriter output, SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"scenario {r.Scenario}, seed {r.Seed}: {r.DurationSeconds:0} simulated seconds in {r.WallTimeSeconds:0.0} s"));
        WriteTable(output, [r], r.Chrony, r.StatsFromSeconds);
        Row(output, "samples", r.Samples.ToString(c), null, Ppm, string.Create(c, $"TX stamps: {r.TxStamps.Hardware} hardware, {r.TxStamps.Kernel} kernel, {r.TxStamps.Daemon} daemon"));
        if (r.SavedResponses.Saved > 0)
        {
            Row(output, "saved responses", r.SavedResponses.Saved.ToString(c), null, Ppm, string.Create(c, $"released by stamp {r.SavedResponses.ReleasedByStamp}, by timeout {r.SavedResponses.ReleasedByTimeout}, before send {r.SavedResponses.ReleasedBeforeSend}"));
        }

        if (r.Chrony is not null)
        {
            // One seed of ours can sit anywhere in a wide spread (the default world's RMS offset
            // varies by a factor of three between seeds), so point at the fair comparison.
            output.WriteLine("  (one seed; compare chrony's figures with our median over seeds: --seeds 5)");
        }
    }

    /// <summary>
    /// Several seeds: one line per run, then the per-metric medians in the same table as one run,
    /// beside chrony's figures (medians too) where the scenario has them.
    /// </summary>
    public static void WriteMedianText(TextWriter output, IReadOnlyList<SimulationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        var first = runs[0];
        output.WriteLine(string.Create(c, $"scenario {first.Scenario}: {runs.Count} seeds of {first.DurationSeconds:0} simulated seconds in {runs.Sum(r => r.WallTimeSeconds):0.0} s"));
        foreach (var r in runs)
        {
            output.WriteLine(string.Create(c, $"  seed {r.Seed,-4} sync {r.SyncTimeSeconds:0} s, max offset {Scaled(r.MaxOffsetSeconds)}, RMS offset {Scaled(r.RmsOffsetSeconds)}, max freq {r.MaxFrequencyPpm:0.###} ppm, RMS freq {r.RmsFrequencyPpm:0.###} ppm, {r.Samples} samples ({r.TxStamps.Hardware} hardware TX)"));
        }

        output.WriteLine(string.Create(c, $"median over {runs.Count} seeds:"));
        WriteTable(output, runs, first.Chrony, first.StatsFromSeconds);
        Row(output, "samples", Median(runs.Select(r => (double)r.Samples)).ToString("0", c), null, Ppm,
            string.Create(c, $"hardware TX stamps in {Median(runs.Select(HardwareTxShare)) * 100:0.0} % of samples"));
    }

    // The five figures chrony's simulator reports, as medians of runs (one run: its own figures).
    private static void WriteTable(TextWriter output, IReadOnlyList<SimulationResult> runs, ReferenceFigures? chrony, double statsFromSeconds)
    {
        var c = CultureInfo.InvariantCulture;
        double MedianOf(Func<SimulationResult, double> value) => Median(runs.Select(value));
        output.WriteLine(string.Create(c, $"  {"",-16}{"timeactors",14}{(chrony is null ? "" : "chrony"),14}").TrimEnd());
        Row(output, "sync time", Sec(MedianOf(r => r.SyncTimeSeconds)), chrony?.SyncTimeSeconds, Sec, "1 + last second beyond the offset/frequency limits");
        Row(output, "max offset", Scaled(MedianOf(r => r.MaxOffsetSeconds)), chrony?.MaxOffsetSeconds, Scaled, string.Create(c, $"|clock - true time| after {statsFromSeconds:0} s"));
        Row(output, "RMS offset", Scaled(MedianOf(r => r.RmsOffsetSeconds)), chrony?.RmsOffsetSeconds, Scaled, "");
        Row(output, "max freq error", Ppm(MedianOf(r => r.MaxFrequencyPpm)), chrony?.MaxFrequencyPpm, Ppm, string.Create(c, $"|clock rate - 1| after {statsFromSeconds:0} s"));
        Row(output, "RMS freq error", Ppm(MedianOf(r => r.RmsFrequencyPpm)), chrony?.RmsFrequencyPpm, Ppm, "");
    }

    private static void Row(TextWriter output, string name, string ours, double? theirs, Func<double, string> format, string note) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16}{ours,14}{(theirs is { } t ? format(t) : ""),14}   {note}").TrimEnd());

    private static string Ppm(double v) => string.Create(CultureInfo.InvariantCulture, $"{v:0.###} ppm");

    private static string Sec(double v) => string.Create(CultureInfo.InvariantCulture, $"{v:0} s");

    /// <summary>Seconds with a unit a person reads at once (ns, µs, ms or s).</summary>
    public static string Scaled(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        double a = Math.Abs(seconds);
        return a < 1e-6 ? string.Create(c, $"{seconds * 1e9:0.0} ns")
            : a < 1e-3 ? string.Create(c, $"{seconds * 1e6:0.0} µs")
            : a < 1 ? string.Create(c, $"{seconds * 1e3:0.000} ms")
            : string.Create(c, $"{seconds:0.000} s");
    }
}
