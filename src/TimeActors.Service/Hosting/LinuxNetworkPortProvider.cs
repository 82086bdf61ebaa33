using TimeActors.Service.Network;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Hosting;

/// <summary>Linux sockets (<see cref="LinuxNetworkPort"/>) and NICs: what `timeactors run` uses.</summary>
public sealed class LinuxNetworkPortProvider(IHardwareTimestampingHost? hardware = null) : INetworkPortProvider
{
    public IHardwareTimestampingHost Hardware { get; } = hardware ?? LinuxHardwareTimestampingHost.Instance;

    public IRandomSource? NonceSource => null;

    public INetworkPort OpenHostPort() => new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "*" });

    public INetworkPort OpenHardwarePort(HardwareInterface nic)
    {
        ArgumentNullException.ThrowIfNull(nic);

        // The port and the interface actor's PHC poller share the one model instance.
        return new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = nic.Name, Device = nic.Name, HardwareTimestamping = true }, nic.Polling.Model);
    }
}
