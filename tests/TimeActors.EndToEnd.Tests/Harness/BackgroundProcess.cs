using System.Diagnostics;
using System.Text;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// A long-running program (a daemon under test or a peer) whose standard output and error are kept
/// for failure messages. Dispose stops it: SIGTERM, then SIGKILL after a grace period, so nothing the
/// tests start outlives them.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private int _disposed;

    private BackgroundProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far, both streams interleaved in arrival order.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static BackgroundProcess Start(IReadOnlyList<string> command)
    {
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
        var process = new Process { StartInfo = start };
        var started = new BackgroundProcess(process, line);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start `{line}`");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Sends a signal by name (TERM, INT, HUP, KILL ...); .NET itself can only send SIGKILL.</summary>
    public void Signal(string name)
    {
        if (!_process.HasExited)
        {
            Command.Run("kill", $"-{name}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGKILL without a chance to clean up, as when a peer crashes.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then SIGKILL if the process is still there after <paramref name="grace"/>.</summary>
    public void Stop(TimeSpan grace)
    {
        Signal("TERM");
        if (!_process.WaitForExit(grace))
        {
            Kill();
        }

        _process.WaitForExit();
    }

    /// <summary>Stops the process; a second call (the owner, then the testbed) does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop(TimeSpan.FromSeconds(3));
        _process.Dispose();
    }

    public override string ToString() => $"`{CommandLine}` (pid {Pid})\n{Output}";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
