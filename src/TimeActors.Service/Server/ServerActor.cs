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
/// </summary>
public sealed class ServerActor : ReceiveActor
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
    private NetworkSocketId _socket;
    private ILogger _log = null!;

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
        Receive<SocketError>(e => _log.LogDebug("Server {Listen}: socket error {Errno}", Bound, e.Errno));
        Receive<TrackingUpdated>(t => _tracking = t.ServerState);
        Receive<GetServerReport>(_ => Sender?.Tell(Report, Self));
        Receive<GetServerEndpoint>(_ => Sender?.Tell(Bound, Self));
    }

    /// <summary>The bound address (the kernel's port when 0 was asked).</summary>
    public NetworkEndpoint Bound { get; private set; }

    private ServerReport Report => new(_received, _answered, _interleaved, _rateLimited, _denied, _droppedMalformed, _rxStamps, _txStamps);

    public static Props Props(ServerOptions options, InterfaceSockets network) =>
        Actors.Props.Create(() => new ServerActor(options, network));

    protected override void PreStart()
    {
        _log = Context.System.LoggerFactory.CreateLogger<ServerActor>();
        (_socket, Bound) = _network.OpenServer(_options.Listen, _options.ReusePort, Self);
        Context.System.EventStream.Subscribe<TrackingUpdated>(Self);
        _log.LogInformation("NTP server listening on {Listen} ({Interface})", Bound, _network.Name);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _network.Close(_socket);
    }

    private void OnRequest(RxPacket packet)
    {
        if (packet.Socket != _socket)
        {
            return;
        }

        _received++;
        _rxStamps = _rxStamps.Add(packet.RxStamp.Source);
        AccessAddress address = packet.Remote.AccessAddress;
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
        NetworkSendReceipt receipt = _network.Send(_socket, _response.AsSpan(0, decision.Length), stamp, packet.Remote);
        if (!receipt.Sent)
        {
            _log.LogDebug("Server {Listen}: response to {Client} not sent, errno {Errno}", Bound, packet.Remote, receipt.Errno);
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

    private record struct PendingStamp(bool Used, uint TxId, ClientAddress Client, NtpTimestamp ReceiveField);
}
