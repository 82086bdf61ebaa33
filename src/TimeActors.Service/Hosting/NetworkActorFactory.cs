using Microsoft.Extensions.Logging;
using TimeActors.Service.Network;
using TimeActors.Service.Server;
using TimeActors.Service.Settings;
using TimeActors.Service.Sources;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The interface, source and server actors as guardian children: one interface actor with kernel
/// timestamps on a Linux port not tied to a device, one source actor per server and per resolved pool
/// member (names resolved once, at start), one server actor per listen address. The port is disposed
/// with the factory, after the actors have stopped (the interface actor may be inside its poll until then).
/// </summary>
public sealed class NetworkActorFactory(SourceAddressResolver resolver, ILogger? log = null) : IServiceActorFactory, IDisposable
{
    public const string InterfaceChildName = "interface";

    private readonly List<LinuxNetworkPort> _ports = [];

    public IEnumerable<ServiceChildSpec> CreateChildren(TimeActorsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Sources.Count == 0 && !settings.Server.Enabled)
        {
            return [];
        }

        if (settings.HardwareTimestamping.Count > 0)
        {
            Warn("timeactors.hardware-timestamping is set, but the composition root does not open PHCs yet: kernel timestamps are used");
        }

        var clientSockets = ToClientSocketOptions(settings.Client);
        var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "*" });
        _ports.Add(port);
        var sockets = new InterfaceSockets(port, clientSockets);
        var children = new List<ServiceChildSpec>
        {
            new(InterfaceChildName, ServiceChildRole.Interface, _ => InterfaceActor.Props(sockets)) { StatusQuery = null },
        };

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
                var options = new SourceOptions
                {
                    SourceId = id,
                    Name = source.Name,
                    Address = NetworkEndpoint.FromIPEndPoint(endpoint),
                    Exchange = source.ToExchangeOptions(settings.HwtsTimeout),
                    NoSelect = source.NoSelect,
                };
                children.Add(new ServiceChildSpec($"source-{id}", ServiceChildRole.Source, given => SourceActor.Props(options, sockets, given[ClockActorFactory.ChildName]))
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
            };
            children.Add(new ServiceChildSpec($"server-{server++}", ServiceChildRole.Server, _ => ServerActor.Props(options, sockets))
            {
                StatusQuery = GetServerReport.Instance,
            });
        }

        return children;
    }

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
    }
}
