using TimeActors.Service.Hosting;

namespace TimeActors.Deploy.Tests;

/// <summary>The sd_notify client: what it reads from the environment and that datagrams reach path and abstract sockets.</summary>
public sealed class SystemdNotifierTests
{
    private const int OurPid = 4242;

    private static SystemdNotifier From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return SystemdNotifier.FromVariables(n => map.GetValueOrDefault(n), OurPid);
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_it_is_disabled_and_sends_nothing()
    {
        using var notifier = From();
        Assert.False(notifier.Enabled);
        Assert.Null(notifier.WatchdogInterval);
        Assert.False(notifier.Notify("READY=1"));
    }

    [Fact]
    public void A_relative_socket_name_is_not_a_systemd_socket()
    {
        using var notifier = From(("NOTIFY_SOCKET", "run/notify"), ("WATCHDOG_USEC", "1000000"));
        Assert.False(notifier.Enabled);
    }

    [Fact]
    public void WATCHDOG_USEC_arms_the_watchdog_with_pings_at_half_the_interval()
    {
        using var notifier = From(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "30000000"), ("WATCHDOG_PID", OurPid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(notifier.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), notifier.WatchdogInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), notifier.PingInterval);
    }

    [Fact]
    public void A_watchdog_meant_for_another_process_is_not_ours_to_feed()
    {
        using var notifier = From(("NOTIFY_SOCKET", "/run/systemd/notify"), ("WATCHDOG_USEC", "30000000"), ("WATCHDOG_PID", "1"));
        Assert.True(notifier.Enabled);
        Assert.Null(notifier.WatchdogInterval);
        Assert.Null(notifier.PingInterval);
    }

    [Fact]
    public void Notifications_reach_a_socket_given_by_path()
    {
        using var dir = DeployFiles.TempDirectory();
        using var socket = NotifySocket.AtPath(dir.File("notify"));
        using var notifier = From(("NOTIFY_SOCKET", socket.Variable));
        Assert.True(notifier.Notify("READY=1\n" + SystemdNotifier.StatusAssignment("line one\nline two")));
        Assert.Equal("READY=1\nSTATUS=line one line two", socket.Next(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Notifications_reach_an_abstract_socket_written_with_an_at_sign()
    {
        using var socket = NotifySocket.Abstract();
        using var notifier = From(("NOTIFY_SOCKET", socket.Variable));
        Assert.True(notifier.Notify("WATCHDOG=1"));
        Assert.Equal("WATCHDOG=1", socket.Next(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_a_failed_send_not_an_exception()
    {
        using var dir = DeployFiles.TempDirectory();
        using var notifier = From(("NOTIFY_SOCKET", dir.File("gone")));
        Assert.False(notifier.Notify("READY=1"));
    }
}
