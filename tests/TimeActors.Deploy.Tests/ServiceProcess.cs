using System.Diagnostics;
using System.Text;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// `timeactors run --config FILE` as systemd starts it: a child process with the environment systemd
/// would give it (NOTIFY_SOCKET, WATCHDOG_USEC), always in clock.mode = observe (without sources
/// unless the caller adds some), its control socket in a private directory. Dispose kills it if it is still running.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    /// <param name="dir">Where the configuration and the control socket go.</param>
    /// <param name="environment">Variables set for the child (NOTIFY_SOCKET, WATCHDOG_USEC, ...).</param>
    /// <param name="body">More HOCON keys under <c>timeactors</c> (sources, metrics, ...).</param>
    public ServiceProcess(TempDirectory dir, IReadOnlyDictionary<string, string?> environment, string body = "")
    {
        ControlSocket = dir.File("control.sock");
        var config = dir.File("timeactors.conf");
        File.WriteAllText(config, $$"""
            timeactors {
              clock.mode = observe
              control.socket = "{{ControlSocket}}"
              {{body}}
            }
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { DeployFiles.ServiceDll, "run", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test sets: the test runner's own environment may carry systemd variables.
        foreach (var name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string ControlSocket { get; }

    public int Pid => _process.Id;

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

    /// <summary>SIGTERM, as `systemctl stop` sends it.</summary>
    public void Terminate() => Tool.Run("kill", "-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnsureSuccess("kill -TERM");

    /// <summary>The exit code once the process ends within <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        Assert.True(_process.WaitForExit(timeout), $"timeactors still running after {timeout.TotalSeconds} s:\n{Output}");
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

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
