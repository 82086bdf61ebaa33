using TimeActors.Linux;
using TimeActors.Linux.Hardware;
using TimeActors.Linux.Ptp;
using TimeActors.Timing.Hardware;

namespace TimeActors.Service.Network;

/// <summary>
/// Finds and opens an interface's PHC on Linux (ETHTOOL_GET_TS_INFO phc_index, then /dev/ptpN) and
/// builds the PHC model and reader for it: the model goes to the <see cref="LinuxNetworkPort"/> of the
/// interface and, with the reader, to its <see cref="InterfaceActor"/> as <see cref="PhcPolling"/>.
/// </summary>
public static class InterfacePhc
{
    /// <summary>
    /// Opens <paramref name="interfaceName"/>'s PHC. False, with the reason, when the interface reports
    /// no hardware timestamping or no PHC, or the device cannot be opened; the interface then runs on
    /// kernel stamps. The returned <paramref name="clock"/> must be disposed after the interface actor stopped.
    /// </summary>
    public static bool TryOpen(
        string interfaceName,
        PhcModelOptions options,
        out PhcPolling? polling,
        out PtpClockReadings? clock,
        out string? reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        polling = null;
        clock = null;
        var control = new NetworkInterfaceControl(interfaceName);
        try
        {
            EthtoolTimestampingInfo info = control.GetTimestampingInfo();
            if (!info.SupportsHardwareTimestamping)
            {
                reason = $"{interfaceName} has no hardware timestamping with a PHC (phc_index {info.PhcIndex})";
                return false;
            }

            clock = new PtpClockReadings(PtpClock.Open(info.PhcIndex));
        }
        catch (KernelCallException e)
        {
            reason = $"{interfaceName}: {e.Message}";
            return false;
        }

        var model = new PhcModel(options);
        model.LinkSpeedMbps = control.GetLinkSpeedMbps() ?? 0;
        var reader = new LinuxPhcReader($"{interfaceName} ({clock.Path})", clock, control.GetLinkSpeedMbps, options.NoCrossTimestamp);
        polling = new PhcPolling(model, reader);
        reason = null;
        return true;
    }
}
