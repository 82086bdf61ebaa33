using System.Diagnostics;
using System.Globalization;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Tests.Shared;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>
/// Cleanup of a run whose process died. Every NetworkTestbed.Create sweeps such leftovers too, so
/// this test's fake dead run must not meet a parallel test: it has its own non-parallel collection.
/// </summary>
[Collection(StaleRunCollection.Name)]
public sealed class StaleRunTests
{
    [Fact]
    public void Leftovers_of_a_dead_run_are_removed_and_its_daemons_killed()
    {
        var deadPid = DeadPid();
        var runId = $"tae{deadPid}x1";
        var ns = runId + "a";
        var workDir = Path.Combine(NetworkTestbed.WorkRoot, runId);
        var etcDir = Path.Combine("/etc/netns", ns);
        Process? sleeper = null;
        Process? chronyd = null;
        try
        {
            NetworkNamespaces.Ip("netns", "add", ns);
            Directory.CreateDirectory(etcDir);
            File.WriteAllText(Path.Combine(etcDir, "hosts"), "10.200.0.1 pool.test\n");

            // A chronyd (-x, no sources, loopback only) that the dead run would have left running
            // outside the namespace: only its pid file leads to it.
            var daemonDir = Path.Combine(workDir, "server");
            Directory.CreateDirectory(daemonDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var pidFile = Path.Combine(daemonDir, "chronyd.pid");
            File.WriteAllLines(Path.Combine(daemonDir, "chrony.conf"), ["port 0", "cmdport 0", $"pidfile {pidFile}", $"bindcmdaddress {daemonDir}/chronyd.sock"]);
            chronyd = Process.Start("chronyd", ["-x", "-n", "-l", Path.Combine(daemonDir, "chronyd.log"), "-u", "root", "-f", Path.Combine(daemonDir, "chrony.conf")]);
            sleeper = Process.Start("ip", ["netns", "exec", ns, "sleep", "300"]);
            Poll.Until(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == chronyd.Id.ToString(CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(10), "the stale chronyd's pid file");
            Poll.Until(() => NetworkNamespaces.Ip("netns", "pids", ns).Trim() == sleeper.Id.ToString(CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(10), "the sleeper inside the stale namespace");

            var removed = NetworkTestbed.RemoveStaleRuns();

            Assert.Contains(ns, removed);
            Assert.Contains(etcDir, removed);
            Assert.Contains(workDir, removed);
            Assert.Empty(NetworkTestbed.ResourcesOf(runId));
            Assert.True(chronyd.WaitForExit(5000), "the stale chronyd was not killed");
            Assert.True(sleeper.WaitForExit(5000), "the process in the stale namespace was not killed");
        }
        finally
        {
            foreach (var process in new[] { chronyd, sleeper })
            {
                if (process is { HasExited: false })
                {
                    process.Kill();
                }

                process?.Dispose();
            }

            if (NetworkNamespaces.Exists(ns))
            {
                NetworkNamespaces.Delete(ns);
            }

            foreach (var dir in new[] { workDir, etcDir })
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
    }

    /// <summary>A pid no process has now, standing for a test run that died.</summary>
    private static int DeadPid()
    {
        var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture);
        for (var pid = max - 1; pid > 1; pid--)
        {
            if (!NetworkNamespaces.IsAlive(pid))
            {
                return pid;
            }
        }

        throw new InvalidOperationException("no free pid");
    }
}
