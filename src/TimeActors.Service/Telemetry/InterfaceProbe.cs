using TimeActors.Service.Network;
using TimeActors.Timing.Hardware;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// One interface as telemetry reads it at scrape time: its sockets' event counters (interlocked) and,
/// with hardware timestamping, the PHC model (an immutable fit read without locking).
/// </summary>
public sealed record InterfaceProbe(InterfaceSockets Sockets, PhcModel? Model)
{
    public string Name => TelemetryLabels.InterfaceValue(Sockets.Name);

    /// <summary>Messages received with control data cut (MSG_CTRUNC); 0 for ports that cannot tell.</summary>
    public long ControlTruncated => Sockets.Port is LinuxNetworkPort linux ? linux.ControlTruncatedCount : 0;
}
