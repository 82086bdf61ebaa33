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
        w.WriteNumber("wall_time_s", Math.Round(r.WallTimeSeconds, 3));
        w.WriteEndObject();
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

    /// <summary>A few lines a person reads: the figures with units, beside what they mean.</summary>
    public static void WriteText(TextWriter output, SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"scenario {r.Scenario}, seed {r.Seed}: {r.DurationSeconds:0} simulated seconds in {r.WallTimeSeconds:0.0} s"));
        output.WriteLine(string.Create(c, $"  sync time        {r.SyncTimeSeconds,10:0} s     (last second beyond the offset/frequency limits, + 1)"));
        output.WriteLine(string.Create(c, $"  max offset       {Scaled(r.MaxOffsetSeconds),14}   (clock minus true time, after {r.StatsFromSeconds:0} s)"));
        output.WriteLine(string.Create(c, $"  RMS offset       {Scaled(r.RmsOffsetSeconds),14}"));
        output.WriteLine(string.Create(c, $"  max freq error   {r.MaxFrequencyPpm,10:0.000} ppm"));
        output.WriteLine(string.Create(c, $"  RMS freq error   {r.RmsFrequencyPpm,10:0.000} ppm"));
        output.WriteLine(string.Create(c, $"  samples          {r.Samples,10}       TX stamps: {r.TxStamps.Hardware} hardware, {r.TxStamps.Kernel} kernel, {r.TxStamps.Daemon} daemon"));
        if (r.SavedResponses.Saved > 0)
        {
            output.WriteLine(string.Create(c, $"  saved responses  {r.SavedResponses.Saved,10}       released by stamp {r.SavedResponses.ReleasedByStamp}, by timeout {r.SavedResponses.ReleasedByTimeout}, before send {r.SavedResponses.ReleasedBeforeSend}"));
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
