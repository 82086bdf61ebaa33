using System.Globalization;
using System.Text.RegularExpressions;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// deploy/systemd/timeactors.service as systemd reads it: `systemd-analyze verify` accepts it without a
/// warning, `systemd-analyze security` rates it well, and the settings the service depends on (notify,
/// watchdog, its capabilities, no ProtectClock) are there. verify needs the ExecStart program to exist,
/// so a copy points at a temporary executable.
/// </summary>
public sealed partial class SystemdUnitTests
{
    private static string UnitText => File.ReadAllText(DeployFiles.Unit);

    /// <summary>The unit with its program paths pointed at <paramref name="program"/>, written into <paramref name="dir"/>.</summary>
    private static string WriteVerifiableCopy(TempDirectory dir, string text)
    {
        var program = dir.File("timeactors");
        File.WriteAllText(program, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var unit = dir.File("timeactors.service");
        File.WriteAllText(unit, text.Replace("/usr/local/bin/timeactors", program, StringComparison.Ordinal));
        return unit;
    }

    private static Tool Verify(string unit) => Tool.Run("systemd-analyze", "verify", unit);

    [Fact]
    public void Systemd_analyze_verify_accepts_the_unit_without_a_warning()
    {
        using var dir = DeployFiles.TempDirectory();
        var result = Verify(WriteVerifiableCopy(dir, UnitText));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Error.Trim().Length == 0, $"systemd-analyze verify warned:\n{result.Error}");
    }

    [Fact]
    public void Systemd_analyze_verify_reports_a_broken_copy_so_the_check_above_can_fail()
    {
        using var dir = DeployFiles.TempDirectory();
        var broken = UnitText.Replace("SystemCallFilter=@system-service @clock", "SystemCallFilter=@system-service @clocks", StringComparison.Ordinal);
        Assert.NotEqual(UnitText, broken);
        var result = Verify(WriteVerifiableCopy(dir, broken));
        Assert.Contains("@clocks", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Systemd_analyze_security_rates_the_unit_at_most_3_5()
    {
        using var dir = DeployFiles.TempDirectory();
        var result = Tool.Run("systemd-analyze", "security", "--offline=yes", "--no-pager", WriteVerifiableCopy(dir, UnitText));
        var match = ExposureLine().Match(result.Output);
        Assert.True(match.Success, result.ToString());
        var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= 3.5, $"exposure {exposure} (systemd's scale 0 safe .. 10 unsafe):\n{result.Output}");
    }

    [Fact]
    public void The_unit_is_notify_with_a_watchdog_restarts_on_failure_and_conflicts_with_other_ntp_daemons()
    {
        var unit = UnitFile.Parse(UnitText);
        Assert.Equal("notify", unit.Single("Service", "Type"));
        Assert.Equal("main", unit.Single("Service", "NotifyAccess"));
        Assert.True(unit.Single("Service", "WatchdogSec").Length > 0);
        Assert.Equal("on-failure", unit.Single("Service", "Restart"));
        Assert.Equal("/usr/local/bin/timeactors run --config /etc/timeactors/timeactors.conf", unit.Single("Service", "ExecStart"));
        var conflicts = unit.Words("Unit", "Conflicts");
        foreach (var other in new[] { "chrony.service", "chronyd.service", "ntp.service", "ntpsec.service", "systemd-timesyncd.service" })
        {
            Assert.Contains(other, conflicts);
        }
    }

    [Fact]
    public void The_unit_runs_as_its_own_user_with_exactly_the_three_capabilities_it_needs()
    {
        var unit = UnitFile.Parse(UnitText);
        Assert.Equal("timeactors", unit.Single("Service", "User"));
        string[] needed = ["CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_SYS_TIME"];
        Assert.Equal(needed, unit.Words("Service", "AmbientCapabilities").Order(StringComparer.Ordinal));
        Assert.Equal(needed, unit.Words("Service", "CapabilityBoundingSet").Order(StringComparer.Ordinal));
        Assert.Equal("yes", unit.Single("Service", "NoNewPrivileges"));
        Assert.Equal(["AF_INET", "AF_INET6", "AF_NETLINK", "AF_UNIX"], unit.Words("Service", "RestrictAddressFamilies").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_protections_leave_clock_writes_possible()
    {
        var unit = UnitFile.Parse(UnitText);
        Assert.Equal("strict", unit.Single("Service", "ProtectSystem"));
        Assert.Equal("yes", unit.Single("Service", "ProtectHome"));
        Assert.Equal("yes", unit.Single("Service", "PrivateTmp"));
        Assert.Equal("yes", unit.Single("Service", "ProtectKernelModules"));

        // Each of these would take CAP_SYS_TIME's effect away or kill the .NET JIT.
        Assert.DoesNotContain(unit.All("Service", "ProtectClock"), v => v != "no");
        Assert.DoesNotContain(unit.All("Service", "PrivateUsers"), v => v != "no");
        Assert.DoesNotContain(unit.All("Service", "MemoryDenyWriteExecute"), v => v != "no");

        // The allow list has the clock calls; the deny list does not take them away again.
        var filters = unit.All("Service", "SystemCallFilter").ToList();
        Assert.Contains(filters, f => !f.StartsWith('~') && f.Split(' ').Contains("@clock"));
        Assert.DoesNotContain(filters, f => f.StartsWith('~') && (f.Contains("@clock", StringComparison.Ordinal) || f.Contains("@privileged", StringComparison.Ordinal) || f.Contains("adjtimex", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_runtime_directory_is_where_the_shipped_configuration_puts_the_control_socket()
    {
        var unit = UnitFile.Parse(UnitText);
        Assert.Equal("timeactors", unit.Single("Service", "RuntimeDirectory"));
        Assert.Contains("control.socket = \"/run/timeactors/control.sock\"", File.ReadAllText(DeployFiles.ExampleConfig), StringComparison.Ordinal);
        Assert.Contains("socket = \"/run/timeactors/control.sock\"", File.ReadAllText(RepositoryPaths.InRepo("hocon", "reference.conf")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Overall exposure level for \S+: ([0-9.]+)")]
    private static partial Regex ExposureLine();
}
