using System.Globalization;
using System.Text.Json;

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
        w.WriteStartObject("tx_stamps");
        w.WriteNumber("hardware", r.TxStamps.Hardware);
        w.WriteNumber("kernel", r.TxStamps.Kernel);
        w.WriteNumber("daemon", r.TxStamps.Daemon);
        w.WriteEndObject();
        w.WriteStartObject("saved_responses");
        w.WriteNumber("saved", r.SavedResponses.Saved);
        w.WriteNumber("released_by_stamp", r.SavedResponses.ReleasedByStamp);
        w.WriteNumber("released_by_timeout", r.SavedResponses.ReleasedByTimeout);
        w.WriteNumber("released_before_send", r.SavedResponses.ReleasedBeforeSend);
        w.WriteNumber("discarded", r.SavedResponses.Discarded);
        w.WriteEndObject();
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
        var chrony = r.Chrony;
        string Ppm(double v) => string.Create(c, $"{v:0.###} ppm");
        string Sec(double v) => string.Create(c, $"{v:0} s");
        void Row(string name, string ours, double? theirs, Func<double, string> format, string note) =>
            output.WriteLine(string.Create(c, $"  {name,-16}{ours,14}{(theirs is { } t ? format(t) : ""),14}   {note}").TrimEnd());

        output.WriteLine(string.Create(c, $"scenario {r.Scenario}, seed {r.Seed}: {r.DurationSeconds:0} simulated seconds in {r.WallTimeSeconds:0.0} s"));
        output.WriteLine(string.Create(c, $"  {"",-16}{"timeactors",14}{(chrony is null ? "" : "chrony"),14}").TrimEnd());
        Row("sync time", Sec(r.SyncTimeSeconds), chrony?.SyncTimeSeconds, Sec, "1 + last second beyond the offset/frequency limits");
        Row("max offset", Scaled(r.MaxOffsetSeconds), chrony?.MaxOffsetSeconds, Scaled, string.Create(c, $"|clock - true time| after {r.StatsFromSeconds:0} s"));
        Row("RMS offset", Scaled(r.RmsOffsetSeconds), chrony?.RmsOffsetSeconds, Scaled, "");
        Row("max freq error", Ppm(r.MaxFrequencyPpm), chrony?.MaxFrequencyPpm, Ppm, string.Create(c, $"|clock rate - 1| after {r.StatsFromSeconds:0} s"));
        Row("RMS freq error", Ppm(r.RmsFrequencyPpm), chrony?.RmsFrequencyPpm, Ppm, "");
        Row("samples", r.Samples.ToString(c), null, Ppm, string.Create(c, $"TX stamps: {r.TxStamps.Hardware} hardware, {r.TxStamps.Kernel} kernel, {r.TxStamps.Daemon} daemon"));
        if (r.SavedResponses.Saved > 0)
        {
            Row("saved responses", r.SavedResponses.Saved.ToString(c), null, Ppm, string.Create(c, $"released by stamp {r.SavedResponses.ReleasedByStamp}, by timeout {r.SavedResponses.ReleasedByTimeout}, before send {r.SavedResponses.ReleasedBeforeSend}"));
        }
    }

    public static void WriteMedianText(TextWriter output, IReadOnlyList<SimulationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(runs);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"median over {runs.Count} seeds: sync {Median(runs.Select(r => r.SyncTimeSeconds)):0} s, max offset {Scaled(Median(runs.Select(r => r.MaxOffsetSeconds)))}, RMS offset {Scaled(Median(runs.Select(r => r.RmsOffsetSeconds)))}, max freq {Median(runs.Select(r => r.MaxFrequencyPpm)):0.000} ppm, RMS freq {Median(runs.Select(r => r.RmsFrequencyPpm)):0.000} ppm"));
    }

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
