using System.Diagnostics;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>Runs a short-lived program to completion with a deadline.</summary>
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static CommandResult Run(IReadOnlyList<string> command, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        var line = string.Join(' ', command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{line}`");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{line}` did not finish within {timeout ?? DefaultTimeout}; output so far: {output.Result}{error.Result}");
        }

        process.WaitForExit(); // drains the redirected streams
        return new CommandResult(line, process.ExitCode, output.Result, error.Result);
    }

    public static CommandResult Run(params string[] command) => Run((IReadOnlyList<string>)command);
}
