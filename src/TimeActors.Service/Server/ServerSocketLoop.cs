using System.Buffers.Binary;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;
using TimeActors.Service.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Server;

/// <summary>
/// One server socket and its batch loop, run by one thread (its <see cref="ServerSocketActor"/>):
/// wait in epoll, read requests with recvmmsg, answer each (access control, then the shared rate
/// limiter, then <see cref="ResponseBuilder"/>), send the answers with one sendmmsg, and read the
/// error queue for the kernel TX stamps of interleaved answers. Nothing on this path allocates once
/// the loop is built: requests and answers live in preallocated native batches, addresses are
/// <see cref="ClientAddress"/> values, the tracking snapshot is one volatile read per batch.
/// <para>
/// Where the time goes (perf, loopback, 65k replies/s, 2 sockets on 2 shared cores, Nov 2026): 88 % of
/// this process's CPU is in the kernel (UDP receive and send, loopback delivery to the client, the
/// RX timestamp, wake-ups), about 9 % in this loop; of that, <see cref="ResponseBuilder.Build"/> (the
/// interleaved table's random access into a multi-MiB table) is the largest part, clock reads and
/// control-message parsing are under 0.5 % each. So the lever is syscalls and wake-ups per reply:
/// one recvmmsg and one sendmmsg per batch instead of a sendmsg per reply (chronyd's way), and a
/// receive buffer deep enough that a burst is not dropped before a thread wakes (see
/// <see cref="ServerOptions.ReceiveBufferBytes"/>).
/// </para>
/// <para>
/// The interleaved table is shared by the sockets of the address: SO_REUSEPORT hashes address and
/// port, and a client with a new port per request (chronyd's default) lands on another socket each
/// time, while the TX stamp of its previous answer comes back on the socket that sent it.
/// </para>
/// </summary>
public sealed class ServerSocketLoop : IDisposable
{
    // TX stamps come back within microseconds on loopback and milliseconds from a NIC; the ring
    // only has to outlast that many stamped answers.
    private const int PendingSlots = 1024;

    private readonly TimestampingUdpSocket _socket;
    private readonly LinuxNetworkPort _port;
    private readonly ServerOptions _options;
    private readonly AccessControlList _access;
    private readonly RateLimiter? _rateLimiter;
    private readonly ServerTrackingCell _tracking;
    private readonly ResponseBuilder _builder;
    private readonly MessageBatch _received;
    private readonly DatagramSendBatch _answers;
    private readonly Answer[] _answerInfo;
    private readonly bool _answerFromRequestAddress;
    private readonly PendingStamp[] _pending = new PendingStamp[PendingSlots];
    private readonly SocketPoller _poller = new();
    private readonly PollReady[] _ready = new PollReady[4];
    private readonly Lock _wakeGate = new();
    private readonly bool _ipv6;
    private uint _nextTxId;
    private bool _stampsOutstanding;
    private bool _disposed;

    public ServerSocketLoop(
        TimestampingUdpSocket socket,
        LinuxNetworkPort port,
        ServerOptions options,
        AccessControlList access,
        RateLimiter? rateLimiter,
        ServerTrackingCell tracking,
        InterleavedClientTable interleavedClients)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(options);
        _socket = socket;
        _port = port;
        _options = options;
        _access = access;
        _rateLimiter = rateLimiter;
        _tracking = tracking;
        _builder = new ResponseBuilder(interleavedClients);
        _received = new MessageBatch(options.BatchSize);
        _answers = new DatagramSendBatch(options.BatchSize, NtpHeader.Length);
        _answerInfo = new Answer[options.BatchSize];
        _ipv6 = socket.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;

        // On the wildcard address the kernel picks a reply's source by route, which on a host with
        // several addresses may not be the one the client asked; a client drops such a reply. The
        // request's destination (IP_PKTINFO) is sent back as the source, as chrony does.
        var bound = socket.LocalEndPoint.Address;
        _answerFromRequestAddress = bound.Equals(System.Net.IPAddress.Any) || bound.Equals(System.Net.IPAddress.IPv6Any);
        _poller.Add(socket, 1);
    }

    public ServerSocketCounters Counters { get; } = new();

    /// <summary>The socket's local end point.</summary>
    public System.Net.IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>Nonzero once a send or socket error said the local end is gone (the socket must be reopened).</summary>
    public int LostErrno { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for requests or TX stamps, then serves at most
    /// <paramref name="maxBatches"/> receive batches (so the owning actor gets its mailbox back).
    /// Returns the requests read.
    /// </summary>
    public int RunOnce(int timeoutMs, int maxBatches)
    {
        // Under load the queue is rarely empty, so this wait returns at once; idle, the thread sleeps
        // in epoll. No busy polling: on 2 cores shared with the clients (and here other work) a
        // spinning thread takes the CPU the load generator or the kernel's softirq needs; the epoll
        // sleep/wake costs about 9 % of the server's CPU at 65k replies/s (perf, finish_task_switch).
        var count = _poller.Wait(_ready, timeoutMs, out _);
        var errorQueue = false;
        for (var i = 0; i < count; i++)
        {
            errorQueue |= _ready[i].ErrorQueueReady;
        }

        if (errorQueue)
        {
            DrainErrorQueue();
        }

        return count > 0 ? Serve(maxBatches) : 0;
    }

    /// <summary>Reads and answers up to <paramref name="maxBatches"/> batches of requests without waiting.</summary>
    public int Serve(int maxBatches)
    {
        var total = 0;
        for (var batch = 0; batch < maxBatches && LostErrno == 0; batch++)
        {
            long errorsBefore = _socket.SocketErrorCount;
            var count = _socket.Receive(_received, ReceiveQueue.Normal);
            if (_socket.SocketErrorCount != errorsBefore && NetworkErrors.IsLocalEndGone(_socket.LastSocketError))
            {
                LostErrno = _socket.LastSocketError;
            }

            if (count == 0)
            {
                break;
            }

            AnswerBatch(count);
            total += count;

            // Loopback queues a TX stamp inside sendmmsg, so reading it now saves an epoll round;
            // a NIC's stamp comes later and wakes the wait with EPOLLPRI.
            if (_stampsOutstanding)
            {
                DrainErrorQueue();
            }

            if (count < _received.Capacity)
            {
                break; // the queue is empty: a further recvmmsg would only return EAGAIN
            }
        }

        return total;
    }

    /// <summary>Makes a current or the next wait return at once. Safe from any thread, also after <see cref="Dispose"/>.</summary>
    public void Wake()
    {
        lock (_wakeGate)
        {
            if (!_disposed)
            {
                _poller.Wake();
            }
        }
    }

    public void Dispose()
    {
        lock (_wakeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _poller.Dispose();
        }

        _socket.Dispose();
        _received.Dispose();
        _answers.Dispose();
    }

    private void AnswerBatch(int count)
    {
        var counters = Counters;
        var tracking = _tracking.Current;
        Span<byte> address = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            _received.ParseControl(i, out var control);
            var request = _received.GetPayload(i);
            var source = _received.GetSource(i);
            var rx = _port.ToSystemStamp(control, receive: true, request.Length, _ipv6);
            counters.CountRx(rx.Source);

            var client = ClientAddress.FromBytes(address[..source.WriteAddressBytes(address)]);
            if (!_access.IsAllowed(client))
            {
                counters.Denied++;
                continue;
            }

            var kissOfDeath = false;
            if (_rateLimiter is not null && _rateLimiter.Check(client, rx.Time) == RateLimitVerdict.Dropped)
            {
                counters.RateLimited++;
                if (!_options.RateLimitKissOfDeath)
                {
                    continue;
                }

                kissOfDeath = true;
            }

            var response = _answers.NextPayload;
            var now = _port.ReadClock();
            var decision = kissOfDeath
                ? ResponseBuilder.BuildKissOfDeath(request, KissCode.Rate, rx, now, response)
                : _builder.Build(request, client, rx, tracking, now, response);
            if (!decision.ShouldRespond)
            {
                counters.Malformed++;
                continue;
            }

            var stamp = !kissOfDeath && (decision.Interleaved || _options.StampAllResponses);
            var options = stamp ? new SendOptions(TxStampRequest.Requested, _nextTxId++) : default;
            if (_answerFromRequestAddress && control.HasPacketInfo)
            {
                options = options with { Source = control.PacketInfoAddress };
            }

            var receiveField = new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(response[32..]));
            var index = _answers.Commit(decision.Length, source, options);
            _answerInfo[index] = new Answer(client, receiveField, kissOfDeath, decision.Interleaved, stamp);

            // Counted before the send: a client holding the answer must find it in the report.
            // A send that fails takes it back.
            if (!kissOfDeath)
            {
                counters.Answered++;
                if (decision.Interleaved)
                {
                    counters.Interleaved++;
                }

                if (!stamp)
                {
                    counters.TxDaemon++;
                }
            }
        }

        if (_answers.Count == 0)
        {
            return;
        }

        _socket.SendBatch(_answers);
        for (var i = 0; i < _answers.Count; i++)
        {
            ref readonly var answer = ref _answerInfo[i];
            if (!_answers.TryGetResult(i, out var result, out var errno))
            {
                counters.SendFailures++;
                if (!answer.KissOfDeath)
                {
                    counters.Answered--;
                    counters.Interleaved -= answer.Interleaved ? 1 : 0;
                    counters.TxDaemon -= answer.StampRequested ? 0 : 1;
                }

                if (NetworkErrors.IsLocalEndGone(errno))
                {
                    LostErrno = errno;
                }

                continue;
            }

            if (result.TxTimestampRequested)
            {
                _pending[result.TxId % PendingSlots] = new PendingStamp(true, result.TxId, answer.Client, answer.ReceiveField);
                _stampsOutstanding = true;
            }
            else if (answer.StampRequested && !answer.KissOfDeath)
            {
                counters.TxDaemon++; // this socket cannot stamp the message (no SO_TIMESTAMPING, or no per-message flags)
            }
        }

        _answers.Clear();
    }

    private void DrainErrorQueue()
    {
        _stampsOutstanding = false;
        int count;
        do
        {
            count = _socket.Receive(_received, ReceiveQueue.Error);
            for (var i = 0; i < count; i++)
            {
                _received.ParseControl(i, out var control);
                if (control.IsTxTimestamp)
                {
                    var id = control.ExtendedError.TimestampId;
                    ref var pending = ref _pending[id % PendingSlots];
                    if (pending.Used && pending.TxId == id)
                    {
                        var stamp = _port.ToSystemStamp(control, receive: false, 0, false);
                        Counters.CountTx(stamp.Source);
                        _builder.OnTransmitStamp(pending.Client, pending.ReceiveField, stamp);
                        pending = default;
                    }
                }
                else if (control.HasExtendedError && NetworkErrors.IsLocalEndGone((int)control.ExtendedError.Errno))
                {
                    LostErrno = (int)control.ExtendedError.Errno;
                }
            }
        }
        while (count == _received.Capacity);
    }

    private readonly record struct Answer(ClientAddress Client, NtpTimestamp ReceiveField, bool KissOfDeath, bool Interleaved, bool StampRequested);

    private record struct PendingStamp(bool Used, uint TxId, ClientAddress Client, NtpTimestamp ReceiveField);
}
