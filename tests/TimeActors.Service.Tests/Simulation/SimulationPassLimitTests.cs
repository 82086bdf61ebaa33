using TimeActors.Service.Simulation;

namespace TimeActors.Service.Tests.Simulation;

/// <summary>
/// Issue 7's pass limits (not its targets) on short runs with fixed seeds: chrony's clknetsim limits
/// for the default scenario (sync ≤ 210 s, max offset ≤ 1 ms, RMS offset ≤ 300 µs, max frequency
/// error ≤ 500 ppm, RMS ≤ 10 ppm over [210 s, end]), falsetickers never selected, and a leap second
/// that leaves the clock exactly one second behind a leap-free clock.
/// </summary>
public sealed class SimulationPassLimitTests
{
    [Fact]
    public void Default_scenario_meets_chronys_pass_limits()
    {
        var run = SimulationRunner.Run(ScenarioLoader.Load("default"), 1, 2000);
        Assert.True(run.SyncTimeSeconds <= 210, $"sync time {run.SyncTimeSeconds} s");
        Assert.True(run.MaxOffsetSeconds <= 1e-3, $"max offset {run.MaxOffsetSeconds} s");
        Assert.True(run.RmsOffsetSeconds <= 300e-6, $"RMS offset {run.RmsOffsetSeconds} s");
        Assert.True(run.MaxFrequencyPpm <= 500, $"max frequency error {run.MaxFrequencyPpm} ppm");
        Assert.True(run.RmsFrequencyPpm <= 10, $"RMS frequency error {run.RmsFrequencyPpm} ppm");
    }

    [Fact]
    public void Falsetickers_are_never_selected()
    {
        // The start is where it can go wrong (few samples, the clock still 0.1 s off): five seeds, short runs.
        var scenario = ScenarioLoader.Load("falsetickers");
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5 })
        {
            var run = SimulationRunner.Run(scenario, seed, 400);
            Assert.NotEmpty(run.EverSelected);
            Assert.False(run.EverSelected.Contains("wrong1") || run.EverSelected.Contains("wrong2"), $"seed {seed} selected {string.Join(", ", run.EverSelected)}");
        }
    }

    [Fact]
    public void Leap_second_leaves_the_clock_exactly_one_second_behind_a_leap_free_clock_with_no_other_step()
    {
        var run = SimulationRunner.Run(ScenarioLoader.Load("leap", ["simulation.start=\"2016-12-31T22:30:00Z\""]), 1, 7200);
        Assert.Single(run.Steps, s => s.Leap);
        Assert.DoesNotContain(run.Steps, s => !s.Leap);
        Assert.InRange(run.FinalOffsetFromLeapFreeSeconds, -1 - 1e-3, -1 + 1e-3);
    }
}
