using System.Net;
using TimeActors.Actors;
using TimeActors.Service.Hosting;
using TimeActors.Service.Network;
using TimeActors.Service.Settings;
using TimeActors.Simulation;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Simulation;

/// <summary>
/// The simulated client host as the composition root sees it: its ports (<see cref="SimulatedNetworkPort"/>)
/// and, when the world has one, a NIC with a PHC for the scenario's hardware-timestamping entries. Every
/// server is reached through the NIC when there is one. The service's own PHC model and poller run on
/// top, exactly as on Linux.
/// </summary>
public sealed class SimulatedHost : INetworkPortProvider, IHardwareTimestampingHost
{
    private readonly SimulationTimeline _timeline;
    private readonly IScheduler _scheduler;
    private readonly SimulatedSystemClock _clock;
    private readonly IReadOnlyList<SimulatedServer> _servers;
    private readonly SimulatedNic? _nic;
    private readonly List<SimulatedNetworkPort> _ports = [];

    public SimulatedHost(SimulationTimeline timeline, IScheduler scheduler, SimulatedSystemClock clock, IReadOnlyList<SimulatedServer> servers, SimulatedNic? nic, IRandomSource nonces)
    {
        _timeline = timeline;
        _scheduler = scheduler;
        _clock = clock;
        _servers = servers;
        _nic = nic;
        NonceSource = nonces;
    }

    public IHardwareTimestampingHost Hardware => this;

    public IRandomSource? NonceSource { get; }

    /// <summary>The ports the service opened, for the run's report.</summary>
    public IReadOnlyList<SimulatedNetworkPort> Ports => _ports;

    public INetworkPort OpenHostPort() => Track(new SimulatedNetworkPort("*", _timeline, _scheduler, _clock, _servers));

    public INetworkPort OpenHardwarePort(HardwareInterface nic)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return Track(new SimulatedNetworkPort(nic.Name, _timeline, _scheduler, _clock, _servers, _nic, nic.Polling.Model));
    }

    public IReadOnlyList<string> InterfaceNames() => _nic is null ? ["lo"] : ["lo", _nic.Name];

    public bool TryOpen(string interfaceName, HardwareTimestampingSettings settings, out HardwareInterface? opened, out string reason)
    {
        ArgumentNullException.ThrowIfNull(settings);
        opened = null;
        if (_nic is null || interfaceName != _nic.Name)
        {
            reason = $"{interfaceName} has no hardware timestamping in this simulated world";
            return false;
        }

        var model = new PhcModel(HardwareTimestampingSelection.ToPhcModelOptions(settings)) { LinkSpeedMbps = _nic.Options.LinkSpeedMbps };
        opened = new HardwareInterface(interfaceName, new PhcPolling(model, new SimulatedPhcReader(_nic)), null);
        reason = "";
        return true;
    }

    public string? OutgoingInterface(IPAddress remote) => _nic?.Name;

    public string? InterfaceOf(IPAddress local) => null;

    private SimulatedNetworkPort Track(SimulatedNetworkPort port)
    {
        _ports.Add(port);
        return port;
    }
}
