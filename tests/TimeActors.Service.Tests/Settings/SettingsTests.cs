using TimeActors.Actors;
using TimeActors.Hocon;
using TimeActors.Service.Settings;
using TimeActors.Tests.Shared;

namespace TimeActors.Service.Tests.Settings;

public sealed class SettingsTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly string _dir = Directory.CreateTempSubdirectory("timeactors-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"user{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static SettingsException Fails(string file) => Assert.Throws<SettingsException>(() => SettingsLoader.Load(file, NoEnvironment));

    [Fact]
    public void Reference_defaults_bind_to_the_kernels_own_defaults()
    {
        var s = SettingsLoader.Load(null, NoEnvironment);
        var d = ActorSystemSettings.Default;
        Assert.Equal(d.DefaultDispatcherThroughput, s.Actors.DefaultDispatcherThroughput);
        Assert.Equal(d.SchedulerSpinWindow, s.Actors.SchedulerSpinWindow);
        Assert.Equal(d.LogDeadLetters, s.Actors.LogDeadLetters);
        Assert.Equal(d.LogDeadLettersSuspendDuration, s.Actors.LogDeadLettersSuspendDuration);
        Assert.Equal(d.TelemetryEnabled, s.Actors.TelemetryEnabled);
        Assert.Equal(d.AskTimeout, s.Actors.AskTimeout);
        Assert.Equal(d.ShutdownTimeout, s.Actors.ShutdownTimeout);
        Assert.Equal(new LoggingSettings(), s.Logging);
    }

    [Fact]
    public void The_embedded_reference_is_the_repository_file()
    {
        var embedded = SettingsLoader.Reference.Root;
        var onDisk = ConfigurationFactory.Load(RepositoryPaths.InRepo("hocon", "reference.conf")).Root;
        Assert.Equal(onDisk, embedded);
    }

    [Fact]
    public void Reference_conf_holds_exactly_the_known_keys()
    {
        var leaves = SettingsLoader.Reference.AsEnumerable().Select(kv => kv.Key).Order(StringComparer.Ordinal);
        Assert.Equal(SettingsSchema.KnownPaths.Order(StringComparer.Ordinal), leaves);
    }

    [Fact]
    public void Every_key_in_reference_conf_has_a_comment_line_right_above_it()
    {
        var lines = File.ReadAllLines(RepositoryPaths.InRepo("hocon", "reference.conf"));
        foreach (var (path, value) in SettingsLoader.Reference.AsEnumerable())
        {
            var above = lines[value.Origin.Line - 2].Trim();
            Assert.True(above.StartsWith('#'), $"{path} (line {value.Origin.Line}) has no comment above it");
        }
    }

    [Fact]
    public void A_user_file_overrides_and_is_validated()
    {
        var s = SettingsLoader.Load(Write("""
            timeactors.actors {
              dispatcher.throughput = 5
              scheduler.spin-window = 250us
              log-dead-letters = off
              log-dead-letters-suspend-duration = 1m
              telemetry.enabled = no
              ask-timeout = 2s
              shutdown-timeout = 500ms
            }
            timeactors.logging { level = DEBUG, format = json, file = /var/log/timeactors.log }
            """), NoEnvironment);
        Assert.Equal(5, s.Actors.DefaultDispatcherThroughput);
        Assert.Equal(TimeSpan.FromMicroseconds(250), s.Actors.SchedulerSpinWindow);
        Assert.Equal(0, s.Actors.LogDeadLetters);
        Assert.Equal(TimeSpan.FromMinutes(1), s.Actors.LogDeadLettersSuspendDuration);
        Assert.False(s.Actors.TelemetryEnabled);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Actors.AskTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Actors.ShutdownTimeout);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, s.Logging.Level);
        Assert.Equal(LogFormat.Json, s.Logging.Format);
        Assert.Equal("/var/log/timeactors.log", s.Logging.File);
    }

    [Fact]
    public void Log_dead_letters_on_means_all()
    {
        Assert.Equal(int.MaxValue, SettingsLoader.Load(Write("timeactors.actors.log-dead-letters = on"), NoEnvironment).Actors.LogDeadLetters);
    }

    [Theory]
    [InlineData("timeactors.actors.dispatcher.throughput = 0", "a whole number from 1 to 1000000")]
    [InlineData("timeactors.actors.dispatcher.throughput = many", "a whole number from 1 to 1000000")]
    [InlineData("timeactors.actors.scheduler.spin-window = 1s", "a duration from 0 to 100ms")]
    [InlineData("timeactors.actors.scheduler.spin-window = infinite", "a duration from 0 to 100ms")]
    [InlineData("timeactors.actors.ask-timeout = 5 parsecs", "or `infinite`")]
    [InlineData("timeactors.actors.log-dead-letters = -1", "`on` or `off`")]
    [InlineData("timeactors.actors.telemetry.enabled = maybe", "a boolean")]
    [InlineData("timeactors.actors.shutdown-timeout = 0s", "a duration from 1ms to 1h")]
    [InlineData("timeactors.logging.format = xml", "one of `console`, `json`")]
    [InlineData("timeactors.logging.level { x = 1 }", "one of `trace`")]
    public void Invalid_values_name_the_file_line_and_expected_form(string line, string expected)
    {
        var file = Write("# leading comment\n" + line);
        var error = Assert.Single(Fails(file).Errors, e => e.Message.Contains("not valid", StringComparison.Ordinal));
        Assert.Equal(file, error.Origin.Source);
        Assert.Equal(2, error.Origin.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{file}:2: `timeactors.", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeactors.actors.ask-timout = 1s", "did you mean `ask-timeout`?")]
    [InlineData("timeactors.actors.dispatcher.througput = 1", "did you mean `dispatcher.throughput`?")]
    [InlineData("timeactors.logging.levle = info", "did you mean `level`?")]
    [InlineData("timeactors.actor.ask-timeout = 1s", "did you mean `timeactors.actors.ask-timeout`?")]
    [InlineData("timeactors.completely.different = 1", "known sections are")]
    public void Unknown_keys_are_errors_that_suggest_the_nearest_known_key(string line, string hint)
    {
        var file = Write(line);
        var error = Assert.Single(Fails(file).Errors);
        Assert.Contains("unknown key", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:1", error.Origin.ToString());
    }

    [Fact]
    public void Keys_outside_timeactors_are_left_alone()
    {
        Assert.NotNull(SettingsLoader.Load(Write("other-app.anything = 1"), NoEnvironment));
    }

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var errors = Fails(Write("timeactors.actors.ask-timout = 1s\ntimeactors.actors.dispatcher.throughput = 0\ntimeactors.logging.format = xml")).Errors;
        Assert.Equal([1, 2, 3], errors.Select(e => e.Origin.Line).Order());
    }

    [Fact]
    public void Environment_overrides_win_over_the_user_file()
    {
        var env = new Dictionary<string, string> { ["CONFIG_FORCE_timeactors_actors_ask__timeout"] = "3s" };
        var s = SettingsLoader.Load(Write("timeactors.actors.ask-timeout = 2s"), env);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Actors.AskTimeout);
    }

    [Fact]
    public void User_files_may_refer_to_reference_values_and_environment_variables()
    {
        var name = $"TIMEACTORS_SETTINGS_TEST_{Environment.ProcessId}";
        Environment.SetEnvironmentVariable(name, "/tmp/from-env.log");
        try
        {
            var s = SettingsLoader.Load(Write($"timeactors.actors.ask-timeout = ${{timeactors.actors.shutdown-timeout}}\ntimeactors.logging.file = ${{?{name}}}"), NoEnvironment);
            Assert.Equal(TimeSpan.FromSeconds(5), s.Actors.AskTimeout);
            Assert.Equal("/tmp/from-env.log", s.Logging.File);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Settings_records_are_immutable_values()
    {
        var s = SettingsLoader.Load(null, NoEnvironment);
        var changed = s.Logging with { Format = LogFormat.Json };
        Assert.Equal(LogFormat.Console, s.Logging.Format);
        Assert.NotEqual(s.Logging, changed);
    }

    public static TheoryData<string> Examples() => [.. Directory.GetFiles(RepositoryPaths.InRepo("hocon", "examples"), "*.conf").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_configuration_binds(string name)
    {
        var settings = SettingsLoader.Load(RepositoryPaths.InRepo("hocon", "examples", name), NoEnvironment);

        // Each example changes something, otherwise it would not be an example.
        Assert.NotEqual(SettingsLoader.Load(null, NoEnvironment) with { Config = settings.Config }, settings);
    }
}
