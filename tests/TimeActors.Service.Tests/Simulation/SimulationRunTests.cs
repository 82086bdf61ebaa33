using System.Text.Json;
using TimeActors.Service.Cli;
using TimeActors.Service.Simulation;

namespace TimeActors.Service.Tests.Simulation;

/// <summary>
/// The production actors in the simulated world, short runs with fixed seeds: the command's JSON
/// contract, reproducibility, and the simulated kernel's part of leap seconds and hardware stamps.
/// The accuracy limits of issue 7 are in <see cref="SimulationPassLimitTests"/>.
/// </summary>
public sealed class SimulationRunTests
{
    [Fact]
    public void Simulate_json_has_the_figures_and_the_status_contracts_stamp_and_saved_response_keys()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = SimulateCommand.Run("default", [1], 400, [], json: true, null, verbose: false, output, error);
        Assert.Equal(SimulateCommand.ExitOk, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        foreach (var key in new[] { "sync_time_s", "max_offset_s", "rms_offset_s", "max_freq_ppm", "rms_freq_ppm", "wall_time_s", "stats_from_s" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        }

        long samples = root.GetProperty("samples").GetInt64();
        Assert.InRange(samples, 3, 10); // 400 s at poll 6 (64 s): one sample per request
        var tx = root.GetProperty("tx_stamps");
        Assert.Equal(samples, tx.GetProperty("hardware").GetInt64() + tx.GetProperty("kernel").GetInt64() + tx.GetProperty("daemon").GetInt64());
        Assert.Equal(samples, tx.GetProperty("kernel").GetInt64());
        var saved = root.GetProperty("saved_responses");
        foreach (var key in new[] { "saved", "released_by_stamp", "released_by_timeout", "released_before_send", "discarded" })
        {
            Assert.Equal(0, saved.GetProperty(key).GetInt64());
        }

        Assert.Equal(400, root.GetProperty("duration_s").GetDouble());
        Assert.Equal(210, root.GetProperty("stats_from_s").GetDouble());
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_another_seed_another()
    {
        var scenario = ScenarioLoader.Load("falsetickers");
        static string Figures(SimulationResult r) => SimulationReport.ToJson([r with { WallTimeSeconds = 0 }]);
        var first = SimulationRunner.Run(scenario, 3, 700);
        var again = SimulationRunner.Run(scenario, 3, 700);
        var other = SimulationRunner.Run(scenario, 4, 700);
        Assert.Equal(Figures(first), Figures(again));
        Assert.Equal(first.Trace, again.Trace);
        Assert.NotEqual(first.Trace, other.Trace);
    }

    [Fact]
    public void Seeds_print_each_run_and_the_median()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(SimulateCommand.ExitOk, SimulateCommand.Run("default", [1, 2, 3], 300, [], json: true, null, false, output, error));
        using var json = JsonDocument.Parse(output.ToString());
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([1UL, 2UL, 3UL], runs.Select(r => r.GetProperty("seed").GetUInt64()));
        var offsets = runs.Select(r => r.GetProperty("rms_offset_s").GetDouble()).Order().ToList();
        Assert.Equal(offsets[1], json.RootElement.GetProperty("median").GetProperty("rms_offset_s").GetDouble());
    }

    [Fact]
    public void Seeds_as_text_print_a_line_per_seed_and_the_median_table_beside_chronys_figures()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(SimulateCommand.ExitOk, SimulateCommand.Run("default", [1, 2, 3], 300, [], json: false, null, false, output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // A line per seed, not three full tables: the table is printed once, for the medians.
        Assert.Equal(3, lines.Count(l => l.StartsWith("seed ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("RMS offset", StringComparison.Ordinal));
        var median = Array.FindIndex(lines, l => l == "median over 3 seeds:");
        Assert.True(median > 0, output.ToString());
        Assert.Matches(@"^timeactors\s+chrony$", lines[median + 1]);

        // The median row carries chrony's reference figure (75 µs RMS offset) in its second column.
        var rms = lines.Single(l => l.StartsWith("RMS offset", StringComparison.Ordinal));
        Assert.Matches(@"^RMS offset\s+\S+ [µm]?s\s+75\.0 µs$", rms);
        Assert.DoesNotContain("one seed;", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_seed_as_text_says_that_chronys_figures_compare_with_a_median()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(SimulateCommand.ExitOk, SimulateCommand.Run("default", [2], 300, [], json: false, null, false, output, error));
        Assert.Contains("--seeds 5", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("median over 1 seeds", output.ToString(), StringComparison.Ordinal);
        Assert.Single(output.ToString().Split('\n'), l => l.TrimStart().StartsWith("RMS offset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clock_wake_up_less_than_a_timer_tick_away_still_lets_virtual_time_advance()
    {
        // Seed 2 of the leap world in step mode once asked, around the leap, for a wake-up a few
        // nanoseconds ahead; the delay truncated to zero ticks fired the timer at the same virtual
        // instant forever. The whole world (18,000 s) runs in well under a second.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = Task.Run(() => SimulateCommand.Run("leap", [2], null, ["timeactors.clock.leap-mode=step"], json: true, null, false, output, error));
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.Equal(SimulateCommand.ExitOk, await run);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(18000, json.RootElement.GetProperty("duration_s").GetDouble());
        Assert.Equal(-1, json.RootElement.GetProperty("final_offset_from_leap_free_s").GetDouble(), 0.001);
    }

    [Fact]
    public void Out_writes_a_csv_row_per_second_and_an_svg_with_both_panels()
    {
        var directory = new DirectoryInfo(Path.Combine(Path.GetTempPath(), $"timeactors-simulate-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(SimulateCommand.ExitOk, SimulateCommand.Run("default", [2], 300, [], json: false, directory, false, output, error));
            var lines = File.ReadAllLines(Path.Combine(directory.FullName, "default-seed2.csv"));
            Assert.Equal(SimulationFiles.CsvHeader, lines[0]);
            Assert.Equal(301, lines.Length);
            var first = lines[1].Split(',');
            Assert.Equal("1", first[0]);
            Assert.Equal(0.1001, double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), 6); // 0.1 s + 100 ppm × 1 s
            Assert.Equal("6", lines[^1].Split(',')[3]);

            var svg = System.Xml.Linq.XDocument.Load(Path.Combine(directory.FullName, "default-seed2.svg"));
            var text = string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.Contains("offset (clock − true time)", text, StringComparison.Ordinal);
            Assert.Contains("frequency error", text, StringComparison.Ordinal);
            Assert.Contains("simulated time (s)", text, StringComparison.Ordinal);
            Assert.Contains("stats from 210 s", text, StringComparison.Ordinal);
            Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "polyline"));
            Assert.Contains("sync time", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (directory.Exists)
            {
                directory.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public void Leap_second_is_applied_once_by_the_simulated_kernel_at_midnight_and_never_stepped_by_the_service()
    {
        // An hour before the leap is enough for kernel mode: the service only has to set STA_INS.
        var scenario = ScenarioLoader.Load("leap", ["simulation.start=\"2016-12-31T23:00:00Z\""]);
        var run = SimulationRunner.Run(scenario, 1, 4000);
        var leap = Assert.Single(run.Steps);
        Assert.True(leap.Leap);
        Assert.Equal(-1, leap.StepSeconds);
        Assert.InRange(leap.TrueTimeSeconds, 3600 - 1, 3600 + 1); // the clock's own midnight, within its error
        Assert.InRange(run.FinalOffsetFromLeapFreeSeconds, -1.5, -0.5);
    }

    [Fact]
    public void Hardware_scenario_converts_nic_stamps_through_the_phc_model_and_steers_the_simulated_clock()
    {
        var run = SimulationRunner.Run(ScenarioLoader.Load("hw-lan"), 1, 60);
        Assert.True(run.TxStamps.Hardware > 0, $"hardware TX stamps used: {run.TxStamps.Hardware} of {run.Samples}");
        Assert.Contains(run.Status!.Sources, s => s.RxStamps.Hardware > 0);
        Assert.Equal("control", run.Status!.Tracking.Mode);
    }

    [Fact]
    public void Late_hardware_tx_stamps_make_responses_wait_and_some_are_released_by_the_stamp()
    {
        // 0.2-5 ms latency against a 3 ms timeout: both outcomes must occur.
        var run = SimulationRunner.Run(ScenarioLoader.Load("late-hw-tx", ["timeactors.hwts-timeout=3ms"]), 1, 120);
        Assert.True(run.SavedResponses.Saved > 50, $"saved {run.SavedResponses.Saved}");
        Assert.True(run.SavedResponses.ReleasedByStamp > 0, "released by stamp");
        Assert.True(run.SavedResponses.ReleasedByTimeout > 0, "released by timeout");
        Assert.True(run.TxStamps.Hardware > 0);
    }
}
