using System.Net;
using System.Net.Sockets;
using TimeActors.Linux;
using TimeActors.Linux.Hardware;
using TimeActors.Service.Network;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Hardware timestamping on Linux: the PHC is looked up and opened first (ETHTOOL_GET_TS_INFO, /dev/ptpN),
/// so an interface without one (loopback, veth) is never reconfigured; then SIOCSHWTSTAMP with TX on
/// and the configured RX filter (<see cref="HwTimestampSetup"/>). Routes are found with an unsent
/// connected UDP socket, whose local address the kernel picks from the route.
/// </summary>
public sealed class LinuxHardwareTimestampingHost : IHardwareTimestampingHost
{
    public static readonly LinuxHardwareTimestampingHost Instance = new();

    public IReadOnlyList<string> InterfaceNames() => NetworkInterfaces.List().Select(i => i.Name).ToList();

    public bool TryOpen(string interfaceName, HardwareTimestampingSettings settings, out HardwareInterface? opened, out string reason)
    {
        ArgumentNullException.ThrowIfNull(settings);
        opened = null;
        if (!InterfacePhc.TryOpen(interfaceName, HardwareTimestampingSelection.ToPhcModelOptions(settings), out var polling, out var clock, out var phcReason))
        {
            reason = phcReason ?? $"{interfaceName}: no PHC";
            return false;
        }

        HwTimestampOutcome outcome;
        try
        {
            var control = new NetworkInterfaceControl(interfaceName);
            outcome = HwTimestampSetup.Enable(control, control.GetTimestampingInfo(), Filters(settings.RxFilter));
        }
        catch (KernelCallException e)
        {
            clock?.Dispose();
            reason = $"{interfaceName}: {e.Message}";
            return false;
        }

        if (!outcome.Usable)
        {
            clock?.Dispose();
            reason = $"SIOCSHWTSTAMP with rx-filter {settings.RxFilter} failed: {outcome.Status}, errno {outcome.Errno}";
            return false;
        }

        opened = new HardwareInterface(interfaceName, polling!, clock);
        reason = "";
        return true;
    }

    /// <summary>The RX filters to try, in order (chrony: auto prefers NTP-only, then all, then none).</summary>
    public static IReadOnlyList<HwTimestampRxFilter> Filters(RxFilter filter) => filter switch
    {
        RxFilter.All => [HwTimestampRxFilter.All],
        RxFilter.Ntp => [HwTimestampRxFilter.NtpAll],
        RxFilter.Ptp => [HwTimestampRxFilter.PtpV2Event],
        RxFilter.None => [HwTimestampRxFilter.None],
        _ => HwTimestampSetup.DefaultFilters,
    };

    public string? OutgoingInterface(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        try
        {
            using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(new IPEndPoint(remote, 123)); // UDP connect sends nothing: it only picks the route
            return InterfaceOf(((IPEndPoint)probe.LocalEndPoint!).Address);
        }
        catch (SocketException)
        {
            return null; // no route now: the wildcard port serves it, and it may come later
        }
    }

    public string? InterfaceOf(IPAddress local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (local.Equals(IPAddress.Any) || local.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        return NetworkInterfaces.List().FirstOrDefault(i => i.Addresses.Contains(local))?.Name;
    }
}
