using System.Globalization;
using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// A chronyd in a testbed namespace, always started with <c>-x</c> so it never touches the system
/// clock: it computes and serves time but leaves the clock alone. Everything it owns lives in a
/// private directory of the testbed: chrony.conf, the command socket (chronyc reaches it with
/// <c>-h PATH</c>), the pid file and the logs. The UDP command port is off (<c>cmdport 0</c>) and
/// there is no drift file, so it cannot collide with a system chronyd. Dispose (or the testbed's
/// dispose) stops it; a dead run's chronyd is killed through its pid file.
/// </summary>
public sealed class ChronydProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly NetworkTestbed _testbed;
    private BackgroundProcess? _process;

    private ChronydProcess(NetworkTestbed testbed, TestbedNode node, string name, ChronyConfig config)
    {
        _testbed = testbed;
        Node = node;
        Name = name;
        Directory = testbed.CreateDirectory(name);
        ConfigPath = Path.Combine(Directory, "chrony.conf");
        SocketPath = Path.Combine(Directory, "chronyd.sock");
        PidPath = Path.Combine(Directory, "chronyd.pid");
        File.WriteAllLines(ConfigPath,
        [
            .. config.Directives,
            "cmdport 0",
            $"bindcmdaddress {SocketPath}",
            $"pidfile {PidPath}",
            $"logdir {Directory}",
        ]);
    }

    public TestbedNode Node { get; }

    public string Name { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    public string SocketPath { get; }

    public string PidPath { get; }

    public string MeasurementsLogPath => Path.Combine(Directory, "measurements.log");

    public int Pid => Process.Pid;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The daemon's own log (it runs with -d, logging to stderr).</summary>
    public string Output => _process?.Output ?? string.Empty;

    private BackgroundProcess Process => _process ?? throw new InvalidOperationException($"chronyd {Name} is not running");

    /// <summary>Writes the configuration and starts chronyd in <paramref name="node"/>'s namespace; returns once chronyc gets answers.</summary>
    public static ChronydProcess Start(NetworkTestbed testbed, TestbedNode node, ChronyConfig config, string name)
    {
        var chronyd = new ChronydProcess(testbed, node, name, config);
        chronyd.Start();
        return chronyd;
    }

    /// <summary>Starts the daemon again with the same files, e.g. after <see cref="Kill"/>.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"chronyd {Name} is already running");
        }

        _process?.Dispose();
        // -x: never adjust the clock. -d: stay in the foreground, log to stderr. -u root: keep the
        // private 0700 directory writable (no switch to the _chrony user).
        _process = _testbed.Start(Node, "chronyd", "-x", "-d", "-u", "root", "-f", ConfigPath);
        var process = _process;
        Poll.Until(
            () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"chronyd {Name} exited with {process.ExitCode} while starting:\n{process.Output}");
                }

                return File.Exists(SocketPath) && Chronyc("tracking").Succeeded;
            },
            StartTimeout,
            $"chronyd {Name} answering on {SocketPath}",
            () => process.Output);
    }

    /// <summary>SIGKILL, as when the peer crashes; the files stay for a restart.</summary>
    public void Kill()
    {
        Process.Kill();
        File.Delete(SocketPath);
    }

    /// <summary>Runs chronyc against this daemon's socket; <c>-n</c> keeps it from resolving names.</summary>
    public CommandResult Chronyc(params string[] args) => Command.Run(["chronyc", "-h", SocketPath, "-n", .. args], TimeSpan.FromSeconds(10));

    public ChronyTracking Tracking() => ChronyTracking.Parse(Chronyc("-c", "tracking").EnsureSuccess().StandardOutput);

    public IReadOnlyList<ChronySource> Sources() => ChronySource.Parse(Chronyc("-c", "sources").EnsureSuccess().StandardOutput);

    public IReadOnlyList<ChronyNtpData> NtpData() => ChronyNtpData.Parse(Chronyc("-c", "ntpdata").EnsureSuccess().StandardOutput);

    public ChronyServerStats ServerStats() => ChronyServerStats.Parse(Chronyc("-c", "serverstats").EnsureSuccess().StandardOutput);

    public IReadOnlyList<ChronyMeasurement> Measurements() => ChronyMeasurementLog.Read(MeasurementsLogPath);

    /// <summary>Waits until the measurements log holds at least <paramref name="count"/> records matching <paramref name="filter"/>.</summary>
    public IReadOnlyList<ChronyMeasurement> WaitForMeasurements(int count, Func<ChronyMeasurement, bool> filter, TimeSpan timeout) =>
        Poll.Until(
            () =>
            {
                var all = Measurements();
                return all.Count(filter) >= count ? all : null;
            },
            timeout,
            $"{count} matching measurements from chronyd {Name}",
            () => $"{Measurements().Count(filter)} of {Measurements().Count} match. Daemon log:\n{Output}");

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"chronyd {Name} in {Node}");
}
