using System.Globalization;
using System.Text;

namespace TimeActors.Service.Simulation;

/// <summary>`--out DIR`: per run, SCENARIO-seedN.csv (one row per simulated second) and SCENARIO-seedN.svg (the plot).</summary>
public static class SimulationFiles
{
    public const string CsvHeader = "time_s,true_offset_s,frequency_error_ppm,poll_log2";

    public static (string Csv, string Svg) Write(DirectoryInfo directory, SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        directory.Create();
        var stem = $"{Path.GetFileNameWithoutExtension(run.Scenario)}-seed{run.Seed}";
        var csv = Path.Combine(directory.FullName, stem + ".csv");
        var svg = Path.Combine(directory.FullName, stem + ".svg");
        File.WriteAllText(csv, ToCsv(run));
        File.WriteAllText(svg, SimulationPlot.Render(run));
        return (csv, svg);
    }

    public static string ToCsv(SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in run.Trace)
        {
            text.Append(row.TimeSeconds.ToString("0", c)).Append(',')
                .Append(row.OffsetSeconds.ToString("G9", c)).Append(',')
                .Append(row.FrequencyErrorPpm.ToString("G9", c)).Append(',')
                .Append(row.PollLog2?.ToString(c) ?? "").Append('\n');
        }

        return text.ToString();
    }
}
