using TimeActors.Service.Settings;
using TimeActors.Service.Simulation;
using TimeActors.Tests.Shared;

namespace TimeActors.Service.Tests.Simulation;

/// <summary>Scenarios: embedded ones load from anywhere, files and --set overrides layer as HOCON, bad values name their key.</summary>
public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Every_scenario_the_issue_names_is_embedded_and_loads_in_control_mode()
    {
        foreach (var name in new[] { "default", "hw-lan", "late-hw-tx", "jitter", "wander", "falsetickers", "leap" })
        {
            Assert.Contains(name, ScenarioLoader.Names);
            var scenario = ScenarioLoader.Load(name);
            Assert.Equal(DisciplineMode.Control, scenario.Settings.Clock.Mode);
            Assert.NotEmpty(scenario.Settings.Sources);
        }
    }

    [Fact]
    public void Default_scenario_is_chronys_reference_scenario()
    {
        var s = ScenarioLoader.Load("default");
        Assert.Equal(0.1, s.World.Clock.InitialOffsetSeconds);
        Assert.Equal(100e-6, s.World.Clock.FrequencyOffset, 12);
        Assert.Equal(1e-9, s.World.Clock.Wander);
        Assert.Equal(100e-6, s.World.Link.BaseDelaySeconds, 12);
        Assert.Equal(100e-6, s.World.Link.JitterSeconds, 12);
        Assert.Equal(10_000, s.World.DurationSeconds);
        Assert.Equal(210, s.World.StatsFromSeconds);
        var source = Assert.Single(s.Settings.Sources);
        Assert.Equal(6, source.MinPoll);
        Assert.Equal(10, source.MaxPoll);
        Assert.False(source.InitialBurst);
        Assert.Null(s.World.Nic);
    }

    [Fact]
    public void Set_overrides_reach_the_service_settings_and_the_world()
    {
        var s = ScenarioLoader.Load("late-hw-tx", ["timeactors.hwts-timeout=3ms", "simulation.network.jitter=1ms", "simulation.nic.tx-stamp-latency.never=0.5"]);
        Assert.Equal(3_000_000, s.Settings.HwtsTimeout.Nanoseconds);
        Assert.Equal(1e-3, s.World.Link.JitterSeconds, 12);
        Assert.Equal(0.5, s.World.Nic!.TxStampLatency.Never);
        Assert.Equal(200e-6, s.World.Nic.TxStampLatency.MinSeconds, 12);
    }

    [Fact]
    public void A_scenario_file_is_read_over_the_reference_configuration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"timeactors-scenario-{Environment.ProcessId}-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, """
            simulation {
              duration = 2h
              clock { offset = -0.5s, wander = 0 }
              servers = [ { address = "192.0.2.7", name = "only" } ]
            }
            timeactors.sources = [ { server = "only" } ]
            """);
        try
        {
            var s = ScenarioLoader.Load(file);
            Assert.Equal(7200, s.World.DurationSeconds);
            Assert.Equal(-0.5, s.World.Clock.InitialOffsetSeconds);
            Assert.Equal("192.0.2.7", Assert.Single(s.World.Servers).Address);
            Assert.Equal("only", Assert.Single(s.Settings.Sources).Name);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unknown_scenarios_and_bad_values_are_refused_with_the_key()
    {
        var unknown = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("no-such-scenario"));
        Assert.Contains("default", unknown.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("default", ["simulation.network.jitter=soon"]));
        Assert.Contains("simulation.network.jitter", bad.Message, StringComparison.Ordinal);
        var service = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("default", ["timeactors.hwts-timeout=forever"]));
        Assert.Contains("hwts-timeout", service.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10ns", 1e-8)]
    [InlineData("100us", 1e-4)]
    [InlineData("0.2ms", 2e-4)]
    [InlineData("-1s", -1)]
    [InlineData("2h", 7200)]
    [InlineData("42", 42)]
    public void Durations_keep_nanoseconds(string text, double seconds)
    {
        Assert.True(ScenarioLoader.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed, 15);
    }

    [Fact]
    public void Every_scenario_file_explains_itself_and_has_both_blocks()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "hocon", "scenarios"), "*.conf"))
        {
            var lines = File.ReadAllLines(file);
            Assert.StartsWith("#", lines[0].Trim(), StringComparison.Ordinal);
            Assert.Contains(lines, l => l.Trim().StartsWith("simulation", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Trim().StartsWith("timeactors", StringComparison.Ordinal));
        }
    }
}
