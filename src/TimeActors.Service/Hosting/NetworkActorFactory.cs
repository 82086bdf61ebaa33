using Microsoft.Extensions.Logging;
using TimeActors.Service.Network;
using TimeActors.Service.Server;
using TimeActors.Service.Settings;
using TimeActors.Service.Sources;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The interface, source and server actors as guardian children: one interface actor with kernel
/// timestamps on a Linux port not tied to a device, plus one per interface where hardware timestamping
/// could be turned on (a device-bound port converting through the interface's PHC model); one source
/// actor per server and per resolved pool member (names resolved once, at start) on the interface its
/// route leaves from, one server actor per listen address. The ports, then the PHC devices, are disposed
/// with the factory, after the actors have stopped (an interface actor may be inside its poll until then).
/// </summary>
public sealed class NetworkActorFactory(SourceAddressResolver resolver, ILogger? log = null, IHardwareTimestampingHost? hardware = null) : IServiceActorFactory, IDisposable
{
    public const string InterfaceChildName = "interface";

    private readonly IHardwareTimestampingHost _hardware = hardware ?? LinuxHardwareTimestampingHost.Instance;
    private readonly List<LinuxNetworkPort> _ports = [];
    private readonly List<IDisposable> _phcClocks = [];

    public IEnumerable<ServiceChildSpec> CreateChildren(TimeActorsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Sources.Count == 0 && !settings.Server.Enabled)
        {
            return [];
        }

        var clientSockets = ToClientSocketOptions(settings.Client);
        var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "*" });
        _ports.Add(port);
        var sockets = new InterfaceSockets(port, clientSockets);
        var children = new List<ServiceChildSpec>
        {
            new(InterfaceChildName, ServiceChildRole.Interface, _ => InterfaceActor.Props(sockets)) { StatusQuery = null },
        };

        var hardwareSockets = new Dictionary<string, InterfaceSockets>(StringComparer.Ordinal);
        foreach (var nic in HardwareTimestampingSelection.Open(settings.HardwareTimestamping, _hardware, Warn))
        {
            if (nic.Clock is not null)
            {
                _phcClocks.Add(nic.Clock);
            }

            // The port and the interface actor's PHC poller share the one model instance.
            var nicPort = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = nic.Name, Device = nic.Name, HardwareTimestamping = true }, nic.Polling.Model);
            _ports.Add(nicPort);
            var nicSockets = new InterfaceSockets(nicPort, clientSockets);
            hardwareSockets[nic.Name] = nicSockets;
            children.Add(new ServiceChildSpec(HardwareInterfaceChildName(nic.Name), ServiceChildRole.Interface, _ => InterfaceActor.Props(nicSockets, null, nic.Polling)) { StatusQuery = null });
        }

        InterfaceSockets SocketsFor(string? interfaceName) =>
            interfaceName is not null && hardwareSockets.TryGetValue(interfaceName, out var found) ? found : sockets;

        var id = 0;
        foreach (var source in settings.Sources)
        {
            var endpoints = resolver.ResolveAsync(source).GetAwaiter().GetResult();
            if (endpoints.Count == 0)
            {
                Warn($"source {source.Name}: the name does not resolve; it is left out until the next start");
            }

            foreach (var endpoint in endpoints)
            {
                var sourceSockets = hardwareSockets.Count == 0 ? sockets : SocketsFor(_hardware.OutgoingInterface(endpoint.Address));
                var options = new SourceOptions
                {
                    SourceId = id,
                    Name = source.Name,
                    Address = NetworkEndpoint.FromIPEndPoint(endpoint),
                    Exchange = source.ToExchangeOptions(settings.HwtsTimeout),
                    NoSelect = source.NoSelect,
                };
                children.Add(new ServiceChildSpec($"source-{id}", ServiceChildRole.Source, given => SourceActor.Props(options, sourceSockets, given[ClockActorFactory.ChildName]))
                {
                    StatusQuery = GetSourceReport.Instance,
                });
                id++;
            }
        }

        var server = 0;
        foreach (var listen in settings.Server.Listen)
        {
            var options = new ServerOptions
            {
                Listen = NetworkEndpoint.FromIPEndPoint(listen),
                Access = settings.Server.AccessRules,
                RateLimit = settings.Server.RateLimit,
                Sockets = settings.Server.Threads,
                PinThreads = settings.Server.PinThreads,
                ReceiveBufferBytes = settings.Server.ReceiveBufferBytes > 0 ? settings.Server.ReceiveBufferBytes : null,
                InterleavedResponses = settings.Server.InterleavedResponses,
            };
            var serverSockets = hardwareSockets.Count == 0 ? sockets : SocketsFor(_hardware.InterfaceOf(listen.Address));
            children.Add(new ServiceChildSpec($"server-{server++}", ServiceChildRole.Server, _ => ServerActor.Props(options, serverSockets))
            {
                StatusQuery = GetServerReport.Instance,
            });
        }

        return children;
    }

    /// <summary>The guardian child name of the interface actor with hardware timestamping on <paramref name="interfaceName"/>.</summary>
    public static string HardwareInterfaceChildName(string interfaceName) => $"{InterfaceChildName}-{interfaceName}";

    /// <summary><c>sockets = per-request</c> → per-request sockets; <c>fixed</c> → one shared socket on <c>acquisition-port</c> (0: the kernel's choice).</summary>
    public static ClientSocketOptions ToClientSocketOptions(ClientSettings client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Sockets == ClientSocketPolicy.Fixed
            ? new ClientSocketOptions { AcquisitionPort = checked((ushort)client.AcquisitionPort) }
            : ClientSocketOptions.PerRequest;
    }

    // The host's logging does not exist yet while the children are described; stderr reaches the operator.
    private void Warn(string message)
    {
        if (log is null)
        {
            Console.Error.WriteLine($"timeactors: {message}");
        }
        else
        {
            log.LogWarning("{Message}", message);
        }
    }

    public void Dispose()
    {
        foreach (var port in _ports)
        {
            port.Dispose();
        }

        _ports.Clear();

        // A PHC device is closed only after every port that converted through its model.
        foreach (var clock in _phcClocks)
        {
            clock.Dispose();
        }

        _phcClocks.Clear();
    }
}
