using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Where <see cref="NetworkActorFactory"/> gets its network ports and hardware from: Linux sockets and
/// NICs for `timeactors run` (<see cref="LinuxNetworkPortProvider"/>), a simulated world for
/// `timeactors simulate`. The factory owns and disposes the ports it opens.
/// </summary>
public interface INetworkPortProvider
{
    /// <summary>The host's interfaces, NIC setup and routes, for hardware timestamping.</summary>
    IHardwareTimestampingHost Hardware { get; }

    /// <summary>Nonces for the sources' requests; null: a cryptographically strong generator.</summary>
    IRandomSource? NonceSource { get; }

    /// <summary>The port not tied to a device, with kernel timestamps ("*").</summary>
    INetworkPort OpenHostPort();

    /// <summary>A device-bound port on <paramref name="nic"/> that converts hardware stamps through its PHC model.</summary>
    INetworkPort OpenHardwarePort(HardwareInterface nic);
}
