using System.Buffers.Binary;
using System.Net;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;
using TimeActors.Timing.Wire;

namespace TimeActors.LoadGen.Tests;

/// <summary>
/// A tiny NTP responder on 127.0.0.1 for the generator's tests, on its own thread. For each request
/// (counted in arrival order from 1) <see cref="Answer"/> decides what goes back: nothing, a proper
/// stratum-1 reply, or a reply with a changed origin or header. It counts what it did, so a test
/// compares the generator's counts with the responder's own.
/// </summary>
internal sealed class LoopbackResponder : IDisposable
{
    private readonly TimestampingUdpSocket _socket;
    private readonly SocketPoller _poller = new();
    private readonly Func<long, ReplyKind> _answer;
    private readonly Action<uint>? _onClient;
    private readonly long[] _byKind = new long[Enum.GetValues<ReplyKind>().Length];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _requests;
    private long _dropped;
    private long _proper;
    private long _other;
    private Exception? _failure;

    /// <param name="onClient">Called on the responder's thread with each request's IPv4 source address.</param>
    public LoopbackResponder(Func<long, ReplyKind> answer, Action<uint>? onClient = null)
    {
        _answer = answer;
        _onClient = onClient;
        _socket = TimestampingUdpSocket.Open(
            new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.None, ReceiveBufferBytes = 1 << 22 },
            TimestampingSupport.Probe());
        _poller.Add(_socket, 0, PollEvents.Readable);
        _thread = new Thread(Serve) { IsBackground = true, Name = "loopback-responder" };
        _thread.Start();
    }

    public IPEndPoint EndPoint => _socket.LocalEndPoint;

    public long Requests => Interlocked.Read(ref _requests);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>How many requests were treated as <paramref name="kind"/>.</summary>
    public long Count(ReplyKind kind) => Interlocked.Read(ref _byKind[(int)kind]);

    public long ProperReplies => Interlocked.Read(ref _proper);

    public long OtherReplies => Interlocked.Read(ref _other);

    /// <summary>Stops the thread and rethrows anything it failed with.</summary>
    public void Stop()
    {
        _stopping = true;
        _poller.Wake();
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("the responder failed", _failure);
        }
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            _stopping = true;
            _poller.Wake();
            _thread.Join();
        }

        _socket.Dispose();
        _poller.Dispose();
    }

    private void Serve()
    {
        try
        {
            using var batch = new MessageBatch(64);
            Span<PollReady> ready = stackalloc PollReady[1];
            Span<byte> reply = stackalloc byte[NtpHeader.Length];
            while (!_stopping)
            {
                _poller.Wait(ready, -1, out _);
                int count;
                do
                {
                    count = _socket.Receive(batch, ReceiveQueue.Normal);
                    for (var i = 0; i < count; i++)
                    {
                        Respond(batch.GetPayload(i), batch.GetSource(i), reply);
                    }
                }
                while (count == batch.Capacity);
            }
        }
        catch (Exception e) when (!_stopping)
        {
            _failure = e;
        }
    }

    private void Respond(ReadOnlySpan<byte> request, InetEndpoint client, Span<byte> reply)
    {
        var number = Interlocked.Increment(ref _requests);
        var kind = _answer(number);
        Interlocked.Increment(ref _byKind[(int)kind]);
        if (_onClient is not null)
        {
            Span<byte> address = stackalloc byte[16];
            client.WriteAddressBytes(address);
            _onClient(BinaryPrimitives.ReadUInt32BigEndian(address));
        }

        if (kind == ReplyKind.Drop)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var query = NtpHeader.ReadFrom(request);
        var now = NtpTimestamp.FromParts((uint)(KernelClocks.ReadRealtime().Seconds + NtpTimestamp.UnixEpochNtpSeconds), 0);
        var origin = kind == ReplyKind.WrongOrigin ? new NtpTimestamp(query.Transmit.Raw ^ (1UL << 40)) : query.Transmit;
        new NtpHeader(
            kind == ReplyKind.Unsynchronised ? LeapIndicator.Unsynchronized : LeapIndicator.NoWarning,
            NtpHeader.CurrentVersion,
            NtpMode.Server,
            Stratum: kind == ReplyKind.KissOfDeath ? (byte)0 : (byte)1,
            query.Poll,
            Precision: -20,
            NtpShort.Zero,
            NtpShort.Zero,
            ReferenceId: kind == ReplyKind.KissOfDeath ? BinaryPrimitives.ReadUInt32BigEndian("RATE"u8) : 0x4C4F434Cu,
            now,
            origin,
            now,
            now).WriteTo(reply);
        _socket.SendTo(reply, client);
        if (kind == ReplyKind.Proper)
        {
            Interlocked.Increment(ref _proper);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
    }
}
