using System.Diagnostics;

namespace TimeActors.Deploy.Tests;

/// <summary>Runs a command-line tool (promtool, systemd-analyze, bash) to completion and keeps what it printed.</summary>
internal sealed record Tool(int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static Tool Run(string program, params string[] args) => Run(program, args, null);

    public static Tool Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {Limit}");
        }

        return new Tool(process.ExitCode, output.Result, error.Result);
    }

    public Tool EnsureSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Output}\n{Error}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
