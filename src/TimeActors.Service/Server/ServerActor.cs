using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Status;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Server;

/// <summary>
/// Serves time on one listen address: access control, then rate limiting, then a response from
/// <see cref="ResponseBuilder"/> (basic or interleaved) with the tracking of the last
/// <see cref="TrackingUpdated"/> (unsynchronised until the first). A kernel TX stamp is asked for
/// interleaved responses (all with <see cref="ServerOptions.StampAllResponses"/>) and fed back, so
/// the client's next interleaved request gets it as its transmit time.
/// <para>
/// The listen socket is reopened when its local end breaks: a bind that fails (the address is not
/// there yet, or any more), a send or socket error saying the address or device is gone
/// (EADDRNOTAVAIL, ENETDOWN, ENODEV). Reopening is retried on an actor timer with a doubling delay
/// between <see cref="ServerOptions.ReopenMinDelay"/> and <see cref="ServerOptions.ReopenMaxDelay"/>,
/// so a server whose address returns serves again without a restart.
/// </para>
/// </summary>
public sealed class ServerActor : ReceiveActor, IWithTimers
{
    // TX stamps come back within milliseconds; a small ring keyed by TX id is enough to match them.
    private const int PendingSlots = 256;

    private readonly ServerOptions _options;
    private readonly InterfaceSockets _network;
    private readonly AccessControlList _access;
    private readonly RateLimiter? _rateLimiter;
    private readonly ResponseBuilder _builder;
    private readonly byte[] _response = new byte[NtpHeader.Length];
    private readonly PendingStamp[] _pending = new PendingStamp[PendingSlots];
    private ServerTrackingState _tracking;
    private NetworkSocketId? _socket;
    private ILogger _log = null!;
    private TimeSpan _reopenDelay;
    private long _reopened;
    private long _openFailures;

    private long _received;
    private long _answered;
    private long _interleaved;
    private long _rateLimited;
    private long _denied;
    private long _droppedMalformed;
    private TimestampCounts _rxStamps;
    private TimestampCounts _txStamps;

    public ServerActor(ServerOptions options, InterfaceSockets network)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _network = network;
        _access = new AccessControlList(options.Access);
        if (options.RateLimit is { } limits)
        {
            Span<byte> key = stackalloc byte[16];
            RandomNumberGenerator.Fill(key);
            _rateLimiter = new RateLimiter(limits, BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        }

        _builder = new ResponseBuilder(new InterleavedClientTable(options.InterleavedClients));
        _tracking = new ServerTrackingState(LeapIndicator.Unsynchronized, 16, options.PrecisionLog2, TimeInterval.Zero, TimeInterval.Zero, 0, default);

        Receive<RxPacket>(OnRequest);
        Receive<TxStamp>(OnTxStamp);
        Receive<SocketError>(OnSocketError);
        Receive<ReopenSocket>(_ => TryOpen());
        Receive<TrackingUpdated>(t => _tracking = t.ServerState);
        Receive<GetServerReport>(_ => Sender?.Tell(Report, Self));
        Receive<GetServerEndpoint>(_ => Sender?.Tell(Bound, Self));
        Receive<GetServerSocketState>(_ => Sender?.Tell(new ServerSocketState(_socket.HasValue, Bound, _reopened, _openFailures), Self));
    }

    /// <summary>The bound address (the kernel's port when 0 was asked); default while not bound.</summary>
    public NetworkEndpoint Bound { get; private set; }

    public ITimerScheduler Timers { get; set; } = null!;

    private ServerReport Report => new(_received, _answered, _interleaved, _rateLimited, _denied, _droppedMalformed, _rxStamps, _txStamps);

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
        CloseSocket();
    }

    private void TryOpen()
    {
        if (_socket.HasValue)
        {
            return;
        }

        try
        {
            (NetworkSocketId id, NetworkEndpoint bound) = _network.OpenServer(_options.Listen, _options.ReusePort, Self);
            _socket = id;
            Bound = bound;
            _reopenDelay = _options.ReopenMinDelay;
            _log.LogInformation("NTP server listening on {Listen} ({Interface})", Bound, _network.Name);
        }
        catch (IOException e)
        {
            // Typically EADDRNOTAVAIL: the listen address is not on any interface (yet, or any more).
            _openFailures++;
            _log.LogWarning("Server {Listen}: cannot bind ({Reason}); retrying in {Delay}", _options.Listen, e.Message, _reopenDelay);
            Timers.StartSingleTimer(ReopenSocket.Instance, ReopenSocket.Instance, _reopenDelay);
            _reopenDelay = _reopenDelay * 2 < _options.ReopenMaxDelay ? _reopenDelay * 2 : _options.ReopenMaxDelay;
        }
    }

    private void CloseSocket()
    {
        if (_socket is { } socket)
        {
            _network.Close(socket);
            _socket = null;
        }
    }

    private void Reopen(int errno)
    {
        _log.LogWarning("Server {Listen}: local end gone (errno {Errno}); reopening", Bound, errno);
        CloseSocket();
        _reopened++;
        TryOpen();
    }

    private void OnSocketError(SocketError error)
    {
        _log.LogDebug("Server {Listen}: socket error {Errno}", Bound, error.Errno);
        if (error.Socket == _socket && NetworkErrors.IsLocalEndGone(error.Errno))
        {
            Reopen(error.Errno);
        }
    }

    private void OnRequest(RxPacket packet)
    {
        if (_socket is not { } socket || packet.Socket != socket)
        {
            return;
        }

        _received++;
        _rxStamps = _rxStamps.Add(packet.RxStamp.Source);
        ClientAddress address = packet.Remote.Address;
        if (!_access.IsAllowed(address))
        {
            _denied++;
            return;
        }

        bool kissOfDeath = false;
        if (_rateLimiter is not null && _rateLimiter.Check(address, packet.RxStamp.Time) == RateLimitVerdict.Dropped)
        {
            _rateLimited++;
            if (!_options.RateLimitKissOfDeath)
            {
                return;
            }

            kissOfDeath = true;
        }

        SystemTime now = _network.ReadClock();
        ResponseDecision decision = kissOfDeath
            ? ResponseBuilder.BuildKissOfDeath(packet.Payload, KissCode.Rate, packet.RxStamp, now, _response)
            : _builder.Build(packet.Payload, packet.Remote.Address, packet.RxStamp, _tracking, now, _response);
        if (!decision.ShouldRespond)
        {
            _droppedMalformed++;
            return;
        }

        bool stamp = !kissOfDeath && (decision.Interleaved || _options.StampAllResponses);
        NetworkSendReceipt receipt = _network.Send(socket, _response.AsSpan(0, decision.Length), stamp, packet.Remote);
        if (!receipt.Sent)
        {
            _log.LogDebug("Server {Listen}: response to {Client} not sent, errno {Errno}", Bound, packet.Remote, receipt.Errno);
            if (NetworkErrors.IsLocalEndGone(receipt.Errno))
            {
                Reopen(receipt.Errno);
            }

            return;
        }

        if (kissOfDeath)
        {
            return; // counted as rate limited, not as answered
        }

        _answered++;
        if (decision.Interleaved)
        {
            _interleaved++;
        }

        if (stamp && receipt.TxStampRequested)
        {
            NtpTimestamp receiveField = NtpHeader.ReadFrom(_response).Receive;
            _pending[receipt.TxId % PendingSlots] = new PendingStamp(true, receipt.TxId, packet.Remote.Address, receiveField);
        }
        else
        {
            _txStamps = _txStamps.Add(TimestampSource.Daemon);
        }
    }

    private void OnTxStamp(TxStamp stamp)
    {
        ref PendingStamp pending = ref _pending[stamp.TxId % PendingSlots];
        if (stamp.Socket != _socket || !pending.Used || pending.TxId != stamp.TxId)
        {
            return;
        }

        PendingStamp matched = pending;
        pending = default;
        _txStamps = _txStamps.Add(stamp.Stamp.Source);
        _builder.OnTransmitStamp(matched.Client, matched.ReceiveField, stamp.Stamp);
    }

    private sealed record ReopenSocket
    {
        public static readonly ReopenSocket Instance = new();
    }

    private record struct PendingStamp(bool Used, uint TxId, ClientAddress Client, NtpTimestamp ReceiveField);
}
