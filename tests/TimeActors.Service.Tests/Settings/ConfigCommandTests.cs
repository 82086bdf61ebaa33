using TimeActors.Service.Cli;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Tests.Settings;

/// <summary>`timeactors config check|show` through the real command tree.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("timeactors-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "timeactors.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.BuildRootCommand().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_prints_ok_and_exits_zero_for_a_valid_file()
    {
        var (exit, output, error) = Run("config", "check", Write("timeactors.actors.ask-timeout = 2s"));
        Assert.Equal(0, exit);
        Assert.Equal("ok", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Check_prints_every_error_and_exits_one()
    {
        var file = Write("timeactors.actors.hwts-timout = 1ms\ntimeactors.actors.dispatcher.throughput = 0");
        var (exit, output, error) = Run("config", "check", file);
        Assert.Equal(1, exit);
        Assert.DoesNotContain("ok", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{file}:1: `timeactors.actors.hwts-timout`: unknown key", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:2: `timeactors.actors.dispatcher.throughput`: `0` is not valid", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_syntax_errors_with_line_and_column()
    {
        var file = Write("timeactors {\n  actors.ask-timeout = [1,,2]\n}");
        var (exit, _, error) = Run("config", "check", file);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{file}:2:27: two commas in a row", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_missing_file_fails()
    {
        var (exit, _, error) = Run("config", "check", Path.Combine(_dir, "absent.conf"));
        Assert.Equal(1, exit);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_prints_the_defaults_with_reference_origins()
    {
        var (exit, output, _) = Run("config", "show");
        Assert.Equal(0, exit);
        Assert.Matches(@"timeactors\.actors\.dispatcher\.throughput = 30\s+# reference\.conf:\d+", output);
        Assert.Equal(SettingsSchema.KnownPaths.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Show_with_a_file_prints_merged_values_with_the_file_that_set_them()
    {
        var file = Write("\ntimeactors.actors.dispatcher.throughput = 7");
        var (exit, output, _) = Run("config", "show", "--config", file);
        Assert.Equal(0, exit);
        Assert.Contains($"timeactors.actors.dispatcher.throughput = 7", output, StringComparison.Ordinal);
        Assert.Contains($"# {file}:2", output, StringComparison.Ordinal);
        Assert.Matches(@"timeactors\.actors\.shutdown-timeout = ""5s""\s+# reference\.conf:\d+", output);
    }

    [Fact]
    public void Show_with_a_broken_file_exits_one()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, ConfigCommand.Show(Write("a = ${missing}"), output, error, new Dictionary<string, string>()));
        Assert.Contains("unresolved substitution ${missing}", error.ToString(), StringComparison.Ordinal);
    }
}
