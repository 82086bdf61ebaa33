using System.Net;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// What the composition root needs from the host to set up hardware timestamping: the interfaces,
/// enabling NIC stamps and opening a PHC on one, and which interface traffic to a peer leaves from.
/// Linux: <see cref="LinuxHardwareTimestampingHost"/>; tests use a fake.
/// </summary>
public interface IHardwareTimestampingHost
{
    /// <summary>The names of the host's network interfaces (for <c>*</c>).</summary>
    IReadOnlyList<string> InterfaceNames();

    /// <summary>
    /// Turns hardware timestamping on for <paramref name="interfaceName"/> with the entry's RX filter
    /// and opens its PHC model. False, with a reason an operator can act on, when it cannot.
    /// </summary>
    bool TryOpen(string interfaceName, HardwareTimestampingSettings settings, out HardwareInterface? opened, out string reason);

    /// <summary>The interface packets to <paramref name="remote"/> leave from (route lookup); null if unknown.</summary>
    string? OutgoingInterface(IPAddress remote);

    /// <summary>The interface that owns the local address <paramref name="local"/>; null for a wildcard or unknown address.</summary>
    string? InterfaceOf(IPAddress local);
}
