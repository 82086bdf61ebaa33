using System.CommandLine;
using Serilog.Events;
using TimeActors.Service.Simulation;

namespace TimeActors.Service.Cli;

/// <summary>
/// `timeactors simulate [--scenario NAME|FILE] [--seed N | --seeds N] [--duration S] [--set key=value]... [--json] [--out DIR] [--verbose]`:
/// the service's actors in virtual time against a simulated world; prints clknetsim's figures.
/// </summary>
public static class SimulateCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadScenario = 2;

    public static Command Build()
    {
        var command = new Command("simulate", "Run the service's actors in virtual time against a simulated clock, network and NTP servers (no network, no privileges) and print how well the clock was kept: sync time, max/RMS offset and frequency error.");
        var scenario = new Option<string>("--scenario") { Description = $"An embedded scenario ({string.Join(", ", ScenarioLoader.Names)}) or a .conf file.", DefaultValueFactory = _ => "default" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed of the world (same seed, same run).", DefaultValueFactory = _ => 1 };
        var seeds = new Option<int>("--seeds") { Description = "Run seeds 1..N and print each run and the per-metric median." };
        var duration = new Option<double?>("--duration") { Description = "Simulated seconds (default: the scenario's)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario key, HOCON key=value (repeatable), e.g. --set timeactors.hwts-timeout=1ms.", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (with --seeds: {runs, median})." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write a CSV (time_s,true_offset_s,frequency_error_ppm,poll_log2) and an SVG plot per run into this directory." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the service's log (stderr) at its configured level." };
        foreach (var option in new Option[] { scenario, seed, seeds, duration, set, json, output, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => Run(
            result.GetValue(scenario) ?? "default",
            result.GetValue(seeds) is > 0 and var n ? [.. Enumerable.Range(1, n).Select(i => (ulong)i)] : [result.GetValue(seed)],
            result.GetValue(duration),
            result.GetValue(set) ?? [],
            result.GetValue(json),
            result.GetValue(output),
            result.GetValue(verbose),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string scenarioName, IReadOnlyList<ulong> seeds, double? duration, IReadOnlyList<string> overrides, bool json, DirectoryInfo? outDirectory, bool verbose, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        SimulationScenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioName, overrides);
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"timeactors simulate: {e.Message}");
            return ExitBadScenario;
        }

        if (duration is { } d && !(d >= 1))
        {
            error.WriteLine("timeactors simulate: --duration must be at least 1 s");
            return ExitBadScenario;
        }

        var level = verbose ? Hosting.ServiceHost.ToSerilog(scenario.Settings.Logging.Level) : LogEventLevel.Warning;
        var runs = new List<SimulationResult>();
        try
        {
            foreach (var s in seeds)
            {
                var run = SimulationRunner.Run(scenario, s, duration, error, level);
                runs.Add(run);
                if (outDirectory is not null)
                {
                    SimulationFiles.Write(outDirectory, run);
                }

                if (!json && seeds.Count == 1)
                {
                    SimulationReport.WriteText(output, run);
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            error.WriteLine($"timeactors simulate: {e.Message}");
            return ExitFailed;
        }

        if (json)
        {
            output.WriteLine(SimulationReport.ToJson(runs));
        }
        else if (runs.Count > 1)
        {
            SimulationReport.WriteMedianText(output, runs);
        }

        return ExitOk;
    }
}
