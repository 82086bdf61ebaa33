using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Status;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Server;

/// <summary>
/// Serves time on one listen address with <see cref="ServerOptions.EffectiveSockets"/> sockets bound
/// with SO_REUSEPORT, each read and answered in batches by its own <see cref="ServerSocketActor"/> on
/// its own (pinned) thread. This actor owns what they share: the access list (immutable), the rate
/// limiter and the interleaved client table (one of each for the address, thread-safe: a client is
/// treated the same whichever socket the kernel hands its request to) and the tracking snapshot it refreshes from the clock actor's
/// <see cref="TrackingUpdated"/> without a lock on the packet path. Its report is the sum over the
/// sockets, including sockets retired by a reopen.
/// <para>
/// Per request: access control, then rate limiting, then a basic or interleaved response from
/// <see cref="ResponseBuilder"/>. A kernel TX stamp is asked, per message, for interleaved responses
/// only (all with <see cref="ServerOptions.StampAllResponses"/>) and read back from the socket's error
/// queue into its bounded interleaved table for the client's next request.
/// </para>
/// <para>
/// The socket set is reopened when its local end breaks: a bind that fails (the address is not
/// there yet, or any more), a send or socket error saying the address or device is gone
/// (EADDRNOTAVAIL, ENETDOWN, ENODEV). Reopening is retried on an actor timer with a doubling delay
/// between <see cref="ServerOptions.ReopenMinDelay"/> and <see cref="ServerOptions.ReopenMaxDelay"/>,
/// so a server whose address returns serves again without a restart.
/// </para>
/// <para>
/// The sockets are opened through the interface's <see cref="LinuxNetworkPort"/> (its namespace,
/// device and PHC model) but are not polled by the interface actor: the batch loops read them.
/// </para>
/// </summary>
public sealed class ServerActor : ReceiveActor, IWithTimers
{
    private readonly ServerOptions _options;
    private readonly InterfaceSockets _network;
    private readonly LinuxNetworkPort _port;
    private readonly AccessControlList _access;
    private readonly RateLimiter? _rateLimiter;
    private readonly ServerTrackingCell _tracking;
    private readonly InterleavedClientTable _interleaved;
    private readonly List<ServerSocketCounters> _allCounters = [];
    private readonly List<(IActorRef Actor, ServerSocketLoop Loop)> _live = [];
    private ILogger _log = null!;
    private TimeSpan _reopenDelay;
    private long _generation;
    private long _reopened;
    private long _openFailures;

    public ServerActor(ServerOptions options, InterfaceSockets network)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        _options = options;
        _network = network;
        _port = network.Port as LinuxNetworkPort
            ?? throw new NotSupportedException($"The server reads its sockets in batches itself and needs a {nameof(LinuxNetworkPort)}; interface {network.Name} has a {network.Port.GetType().Name}.");
        _access = new AccessControlList(options.Access);
        if (options.RateLimit is { } limits)
        {
            Span<byte> key = stackalloc byte[16];
            RandomNumberGenerator.Fill(key);
            _rateLimiter = new RateLimiter(limits, BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        }

        _tracking = new ServerTrackingCell(options.PrecisionLog2);
        _interleaved = new InterleavedClientTable(options.InterleavedResponses);

        Receive<ServerSocketLost>(OnSocketLost);
        Receive<ReopenSocket>(_ => TryOpen());
        Receive<TrackingUpdated>(t => _tracking.Publish(t.ServerState));
        Receive<GetServerReport>(_ => Sender?.Tell(Report, Self));
        Receive<GetServerEndpoint>(_ => Sender?.Tell(Bound, Self));
        Receive<GetServerSocketState>(_ => Sender?.Tell(new ServerSocketState(_live.Count > 0, Bound, _reopened, _openFailures, _live.Count, [.. _live.Select(l => l.Actor)]), Self));
        Receive<Terminated>(t => OnSocketActorStopped(t.ActorRef));
    }

    /// <summary>The bound address (the kernel's port when 0 was asked); default while not bound.</summary>
    public NetworkEndpoint Bound { get; private set; }

    public ITimerScheduler Timers { get; set; } = null!;

    private ServerReport Report => ServerSocketCounters.Sum(_allCounters);

    public static Props Props(ServerOptions options, InterfaceSockets network) =>
        Actors.Props.Create(() => new ServerActor(options, network));

    protected override void PreStart()
    {
        _log = Context.System.LoggerFactory.CreateLogger<ServerActor>();
        Context.System.EventStream.Subscribe<TrackingUpdated>(Self);
        _reopenDelay = _options.ReopenMinDelay;
        TryOpen();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        foreach (var (_, loop) in _live)
        {
            loop.Wake();
        }
    }

    private void TryOpen()
    {
        if (_live.Count > 0)
        {
            return;
        }

        int count = _options.EffectiveSockets;
        bool reusePort = count > 1 || _options.ReusePort;
        var sockets = new List<TimestampingUdpSocket>(count);
        try
        {
            NetworkEndpoint listen = _options.Listen;
            for (int i = 0; i < count; i++)
            {
                var socket = _port.OpenUnpolledServer(listen, reusePort, _options.ReceiveBufferBytes);
                sockets.Add(socket);
                if (i == 0)
                {
                    // Port 0: the others join the port the kernel gave the first.
                    listen = NetworkEndpoint.FromIPEndPoint(socket.LocalEndPoint);
                }
            }

            Bound = listen;
        }
        catch (IOException e)
        {
            // Typically EADDRNOTAVAIL: the listen address is not on any interface (yet, or any more).
            sockets.ForEach(s => s.Dispose());
            _openFailures++;
            _log.LogWarning("Server {Listen}: cannot bind ({Reason}); retrying in {Delay}", _options.Listen, e.Message, _reopenDelay);
            Timers.StartSingleTimer(ReopenSocket.Instance, ReopenSocket.Instance, _reopenDelay);
            _reopenDelay = _reopenDelay * 2 < _options.ReopenMaxDelay ? _reopenDelay * 2 : _options.ReopenMaxDelay;
            return;
        }

        _reopenDelay = _options.ReopenMinDelay;
        _generation++;
        int[] cpus = _options.PinThreads ? LinuxThreads.AllowedProcessors() : [];

        for (int i = 0; i < sockets.Count; i++)
        {
            var loop = new ServerSocketLoop(sockets[i], _port, _options, _access, _rateLimiter, _tracking, _interleaved);
            _allCounters.Add(loop.Counters);
            int cpu = cpus.Length > 0 ? cpus[i % cpus.Length] : -1;
            var actor = Context.ActorOf(ServerSocketActor.Props(loop, _generation, cpu), $"socket-{_generation}-{i}");
            Context.Watch(actor);
            _live.Add((actor, loop));
        }

        _log.LogInformation("NTP server listening on {Listen} ({Interface}) with {Sockets} sockets", Bound, _network.Name, count);
    }

    // A socket actor that fails is stopped, never restarted: its loop (socket, epoll, native
    // batches) is disposed in PostStop and the restarted instance would get the disposed one back,
    // failing again for ever. The stop is seen through the watch and the set is reopened instead.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void OnSocketActorStopped(IActorRef actor)
    {
        if (!_live.Any(l => l.Actor.Equals(actor)))
        {
            return; // stopped by us while retiring its set
        }

        _log.LogWarning("Server {Listen}: socket actor {Actor} stopped after a failure; reopening", Bound, actor.Path.Name);
        Retire();
    }

    private void OnSocketLost(ServerSocketLost lost)
    {
        if (lost.Generation != _generation || _live.Count == 0)
        {
            return; // a socket of a set already retired
        }

        _log.LogWarning("Server {Listen}: local end gone (errno {Errno}); reopening", Bound, lost.Errno);
        Retire();
    }

    // Stops every socket actor of the current set and opens a new set.
    private void Retire()
    {
        foreach (var (actor, loop) in _live)
        {
            Context.Stop(actor);
            loop.Wake();
        }

        _live.Clear();
        _reopened++;
        TryOpen();
    }

    private sealed record ReopenSocket
    {
        public static readonly ReopenSocket Instance = new();
    }
}
