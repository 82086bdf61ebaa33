using System.Buffers.Binary;
using System.Net;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;
using TimeActors.Timing.Wire;

namespace TimeActors.LoadGen;

/// <summary>
/// Keeps a window of NTP client requests (mode 3, version 4) in flight against one server over many
/// UDP sockets, on one thread, and counts how each ends. Every request's transmit field is a random
/// cookie whose low bits name its slot in a ring of requests in flight, so a reply is matched by its
/// origin field in O(1) and a reply whose origin matches nothing is recognised as such. The hot loop
/// allocates nothing: sendmmsg and recvmmsg through preallocated native batches, a fixed ring and a
/// fixed latency histogram.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private const int ReceiveCapacity = 64;

    private readonly LoadOptions _options;
    private readonly TimestampingUdpSocket[] _sockets;
    private readonly SocketPoller _poller = new();
    private readonly MessageBatch _receive = new(ReceiveCapacity, payloadSize: 256);
    private readonly DatagramSendBatch _send;
    private readonly InetEndpoint _server;
    private readonly ulong[] _cookies;
    private readonly long[] _sentNs;
    private readonly ulong _slotMask;
    private readonly long _timeoutNs;
    private readonly PollReady[] _ready;
    private readonly LatencyHistogram _latency = new();
    private ulong _random;
    private long _nextSequence;
    private long _tail;
    private long _inFlight;
    private int _nextSocket;
    private int _nextSource;
    private long _sent;
    private long _sendFailures;
    private long _skipped;
    private long _valid;
    private long _invalid;
    private long _kissOfDeath;
    private long _lost;
    private long _unmatched;

    public LoadGenerator(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _server = InetEndpoint.FromIPEndPoint(options.Server);
        _timeoutNs = (long)options.Timeout.TotalNanoseconds;

        // Twice the window, so a slot whose request is still waiting for its timeout does not stop
        // new requests while the window has room.
        var slots = (int)Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)options.Window * 2));
        _cookies = new ulong[slots];
        _sentNs = new long[slots];
        _slotMask = (ulong)slots - 1;
        _random = (ulong)Random.Shared.NextInt64() | 1;
        _send = new DatagramSendBatch(options.Batch, NtpHeader.Length);
        _ready = new PollReady[Math.Min(options.Sockets, 63)];

        var local = options.SourceAddresses > 0 ? IPAddress.Any : IPAddress.Loopback;
        _sockets = new TimestampingUdpSocket[options.Sockets];
        var support = TimestampingSupport.Probe();
        try
        {
            for (var i = 0; i < _sockets.Length; i++)
            {
                // The server role: kernel RX stamps on every reply, no TX stamps on requests.
                _sockets[i] = TimestampingUdpSocket.Open(
                    new UdpSocketOptions
                    {
                        Local = new IPEndPoint(local, 0),
                        Role = TimestampingRole.Server,
                        ReceiveIcmpErrors = false,
                        ReceiveBufferBytes = 1 << 22,
                    },
                    support);
                _poller.Add(_sockets[i], (ulong)i, PollEvents.Readable);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The first source address of the many-sources mode; address k is this plus k.</summary>
    public static uint FirstSourceAddress => 0x7F100001; // 127.16.0.1

    public static IPAddress SourceAddress(int index)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, FirstSourceAddress + (uint)index);
        return new IPAddress(bytes);
    }

    public LoadResult Run()
    {
        var start = Now();
        var end = start + (long)_options.Duration.TotalNanoseconds;
        var rate = _options.RatePerSecond;
        var now = start;
        var blocked = false;
        while (now < end && !_options.Cancellation.IsCancellationRequested)
        {
            // Wait for replies: not at all while requests are due and the socket took everything; up
            // to a millisecond when the window is full or the rate is met. Replies are read before
            // timeouts are judged, so a reply that waited in our socket while this thread was not
            // scheduled still counts (its latency shows the wait: the RX stamp is the kernel's).
            var due = Due(start, Math.Min(now, end), rate);
            var waitMs = !blocked && due > 0 && _inFlight < _options.Window ? 0 : 1;
            Receive(waitMs);
            now = Now();
            Expire(now);
            blocked = SendDue(Due(start, Math.Min(now, end), rate));
        }

        var sendingNs = Math.Max(1, Math.Min(now, end) - start);

        // The last requests get their full timeout to be answered.
        var drainEnd = now + _timeoutNs;
        while (_inFlight > 0 && now < drainEnd)
        {
            Receive(1);
            now = Now();
            Expire(now);
        }

        Expire(long.MaxValue);
        return new LoadResult(
            _options.Server.ToString(),
            rate,
            _options.Window,
            _options.Sockets,
            _options.SourceAddresses,
            sendingNs / 1e9,
            _sent,
            _skipped,
            _sendFailures,
            _valid,
            _invalid,
            _kissOfDeath,
            _lost,
            _unmatched,
            _latency.Count,
            _latency.QuantileNs(0.50) / 1e3,
            _latency.QuantileNs(0.99) / 1e3,
            _latency.MaxNs / 1e3);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets ?? [])
        {
            socket?.Dispose();
        }

        _poller.Dispose();
        _receive.Dispose();
        _send.Dispose();
    }

    private static long Now() => KernelClocks.ReadRealtime().TotalNanoseconds;

    /// <summary>
    /// Requests due now at a fixed rate. When this thread was not scheduled for a while it does not
    /// catch up in one burst (a burst of thousands would overflow the server's socket buffer and
    /// measure the generator's stall, not the server): requests more than a millisecond's worth
    /// behind are skipped and counted, so the offered rate reported is what was really sent.
    /// </summary>
    private long Due(long start, long now, double? rate)
    {
        if (rate is not { } r)
        {
            return long.MaxValue;
        }

        var due = (long)((now - start) * r / 1e9) + 1 - _sent - _skipped;
        var burst = Math.Max(_options.Batch, (long)(r / 1000));
        if (due > burst)
        {
            _skipped += due - burst;
            due = burst;
        }

        return due;
    }

    /// <summary>Sends up to <paramref name="due"/> requests in batches; true when a full socket buffer or the ring stopped it.</summary>
    private bool SendDue(long due)
    {
        var budget = Math.Min(due, _options.Window - _inFlight);
        while (budget > 0)
        {
            var socket = _sockets[_nextSocket];
            _nextSocket = _nextSocket + 1 == _sockets.Length ? 0 : _nextSocket + 1;
            var count = (int)Math.Min(budget, _options.Batch);
            var first = _nextSequence;
            var sendNs = Now();
            var built = 0;
            for (; built < count && _nextSequence - _tail <= (long)_slotMask; built++)
            {
                var slot = (ulong)_nextSequence & _slotMask;
                var cookie = (NextRandom() & ~_slotMask) | slot;
                var source = _options.SourceAddresses > 0 ? NextSource() : default;
                var payload = _send.NextPayload[..NtpHeader.Length];
                payload.Clear();
                payload[0] = (byte)((NtpHeader.CurrentVersion << 3) | (int)NtpMode.Client);
                BinaryPrimitives.WriteUInt64BigEndian(payload[40..], cookie);
                _send.Commit(NtpHeader.Length, _server, new SendOptions(Source: source));
                _cookies[slot] = cookie;
                _sentNs[slot] = sendNs;
                _nextSequence++;
            }

            if (built == 0)
            {
                return true; // the oldest request still waits for its timeout
            }

            var sent = socket.SendBatch(_send);
            var done = built; // requests sent or failed on their own; the socket took none after them
            for (var i = 0; i < built; i++)
            {
                if (_send.TryGetResult(i, out _, out var errno))
                {
                    continue;
                }

                if (DatagramSendBatch.IsBufferFull(errno))
                {
                    done = i;
                    break;
                }

                // This message's own error (ICMP left on the socket): skip it, go on. Its sequence
                // number stays spent; a slot without a cookie is passed over by Expire.
                _sendFailures++;
                _cookies[(ulong)(first + i) & _slotMask] = 0;
            }

            _send.Clear();
            _sent += sent;
            _inFlight += sent;
            budget -= done;
            for (var seq = first + done; seq < first + built; seq++)
            {
                _cookies[(ulong)seq & _slotMask] = 0; // not sent: the sequence numbers are issued again
            }

            _nextSequence = first + done;
            if (done < built)
            {
                return true;
            }
        }

        return false;
    }

    private void Receive(int waitMs)
    {
        var ready = _poller.Wait(_ready, waitMs, out _);
        for (var r = 0; r < ready; r++)
        {
            var socket = _sockets[(int)_ready[r].Token];
            int count;
            do
            {
                count = socket.Receive(_receive, ReceiveQueue.Normal);
                for (var i = 0; i < count; i++)
                {
                    Handle(i);
                }
            }
            while (count == ReceiveCapacity);
        }
    }

    private void Handle(int index)
    {
        var payload = _receive.GetPayload(index);
        if (payload.Length < NtpHeader.Length)
        {
            _unmatched++;
            return;
        }

        var origin = BinaryPrimitives.ReadUInt64BigEndian(payload[24..]);
        var slot = origin & _slotMask;
        if (origin == 0 || _cookies[slot] != origin)
        {
            _unmatched++;
            return;
        }

        _cookies[slot] = 0;
        _inFlight--;
        _receive.ParseControl(index, out var control);
        var rxNs = control.HasSoftwareTimestamp ? control.SoftwareTimestamp.TotalNanoseconds : Now();
        var leap = (LeapIndicator)(payload[0] >> 6);
        var mode = (NtpMode)(payload[0] & 0x7);
        var stratum = payload[1];
        if (mode == NtpMode.Server && stratum == 0)
        {
            _kissOfDeath++;
        }
        else if (mode != NtpMode.Server || leap == LeapIndicator.Unsynchronized || stratum > 15)
        {
            _invalid++;
        }
        else
        {
            _valid++;
            _latency.Record(rxNs - _sentNs[slot]);
        }
    }

    private void Expire(long now)
    {
        while (_tail < _nextSequence)
        {
            var slot = (ulong)_tail & _slotMask;
            if (_cookies[slot] != 0)
            {
                if (now - _sentNs[slot] < _timeoutNs)
                {
                    return;
                }

                _cookies[slot] = 0;
                _inFlight--;
                _lost++;
            }

            _tail++;
        }
    }

    private InetEndpoint NextSource()
    {
        Span<byte> address = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(address, FirstSourceAddress + (uint)_nextSource);
        _nextSource = _nextSource + 1 == _options.SourceAddresses ? 0 : _nextSource + 1;
        return InetEndpoint.FromAddressBytes(System.Net.Sockets.AddressFamily.InterNetwork, address, 0);
    }

    private ulong NextRandom()
    {
        // xorshift64*: fast and allocation-free; the cookies need to be unpredictable to a
        // misbehaving server only in the slot-independent bits, not cryptographically.
        _random ^= _random >> 12;
        _random ^= _random << 25;
        _random ^= _random >> 27;
        return (_random * 0x2545F4914F6CDD1DUL) | (_slotMask + 1); // never zero
    }
}
