namespace TimeActors.Deploy.Tests;

/// <summary>
/// `timeactors run` started the way systemd starts a Type=notify service with WatchdogSec: READY=1
/// arrives once the control socket is up, WATCHDOG=1 follows at half the watchdog interval, STOPPING=1
/// on SIGTERM, and the process ends with 0. Both NOTIFY_SOCKET forms systemd uses are exercised.
/// </summary>
public sealed class SystemdNotifyProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ready_watchdog_and_stopping_reach_the_notify_socket(bool abstractSocket)
    {
        using var dir = DeployFiles.TempDirectory();
        using var systemd = abstractSocket ? NotifySocket.Abstract() : NotifySocket.AtPath(dir.File("notify"));
        using var service = new ServiceProcess(dir, new Dictionary<string, string?>
        {
            ["NOTIFY_SOCKET"] = systemd.Variable,
            ["WATCHDOG_USEC"] = "1000000", // WatchdogSec=1s: a ping every 0.5 s
        });

        var ready = systemd.WaitFor("READY=1", StartTimeout, () => service.Output);
        Assert.True(File.Exists(service.ControlSocket), "READY=1 came before the control socket existed");
        Assert.Contains(NotifySocket.Assignments(ready), a => a.StartsWith("STATUS=Started: 0 sources, clock mode observe", StringComparison.Ordinal));

        // The watchdog was not armed for the first message only: pings keep coming.
        var started = DateTime.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            var ping = systemd.WaitFor("WATCHDOG=1", Wait, () => service.Output);
            Assert.Contains(NotifySocket.Assignments(ping), a => a.StartsWith("STATUS=Not synchronised, 0 of 0 sources reachable", StringComparison.Ordinal));
        }

        // Three pings at 0.5 s need at least one full interval between the first and the third.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(400), "pings came faster than half the watchdog interval");

        service.Terminate();
        systemd.WaitFor("STOPPING=1", Wait, () => service.Output);
        Assert.Equal(0, service.WaitForExit(Wait));
    }

    [Fact]
    public void Without_a_watchdog_only_ready_and_stopping_are_sent()
    {
        using var dir = DeployFiles.TempDirectory();
        using var systemd = NotifySocket.AtPath(dir.File("notify"));
        using var service = new ServiceProcess(dir, new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = systemd.Variable });

        systemd.WaitFor("READY=1", StartTimeout, () => service.Output);
        service.Terminate();
        systemd.WaitFor("STOPPING=1", Wait, () => service.Output);
        Assert.Equal(0, service.WaitForExit(Wait));
        Assert.DoesNotContain(systemd.Received, m => NotifySocket.Assignments(m).Contains("WATCHDOG=1"));
    }
}
