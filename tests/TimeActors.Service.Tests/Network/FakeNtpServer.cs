using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Network;

/// <summary>
/// An NTP server behind a <see cref="ScriptedNetworkPort"/>: answers each client request as its
/// script says, with a real <see cref="ResponseBuilder"/> response on the same (virtual) clock, so
/// offsets are zero and delays are the scripted ones. It also plays the client's NIC, delivering the
/// request's hardware TX stamp (stamped at the send instant) after a scripted latency.
/// </summary>
public sealed class FakeNtpServer
{
    /// <summary>Server hold time between its receive and transmit stamps.</summary>
    public static readonly TimeSpan HoldTime = TimeSpan.FromMicroseconds(10);

    private readonly ScriptedNetworkPort _port;
    private readonly Func<int, ScriptedExchange> _script;
    private readonly ResponseBuilder _builder = new(new InterleavedClientTable());
    private int _requests;

    public FakeNtpServer(ScriptedNetworkPort port, Func<int, ScriptedExchange> script)
    {
        _port = port;
        _script = script;
        port.OnSend = OnRequest;
    }

    public int Requests => Volatile.Read(ref _requests);

    private void OnRequest(ScriptedSend send)
    {
        int index = Interlocked.Increment(ref _requests) - 1;
        ScriptedExchange script = _script(index);
        if (script.HardwareTxLatency is { } latency)
        {
            var stamp = new PacketTimestamp(send.Time + TimeInterval.FromMicroseconds(1), TimestampSource.Hardware, TimeInterval.Zero);
            _port.DeliverTxStamp(latency, send.Socket, send.TxId, stamp);
        }

        if (script.ResponseDelay is not { } delay)
        {
            return;
        }

        // The request reaches the server half-way; the answer leaves after the hold time.
        var half = TimeSpan.FromTicks((delay - HoldTime).Ticks / 2);
        SystemTime serverRx = send.Time + TimeInterval.FromMicroseconds(half.TotalMicroseconds);
        SystemTime serverTx = serverRx + TimeInterval.FromMicroseconds(HoldTime.TotalMicroseconds);
        var response = new byte[NtpHeader.Length];
        var rx = new PacketTimestamp(serverRx, TimestampSource.Kernel, TimeInterval.Zero);
        ResponseDecision decision = script.KissCode is { } code
            ? ResponseBuilder.BuildKissOfDeath(send.Payload, code, rx, serverTx, response)
            : _builder.Build(
                send.Payload,
                new ClientAddress(1),
                rx,
                new ServerTrackingState(LeapIndicator.NoWarning, 1, -20, TimeInterval.Zero, TimeInterval.FromMicroseconds(50), 0x47505300, serverRx),
                serverTx,
                response);
        if (!decision.ShouldRespond)
        {
            throw new InvalidOperationException($"The fake server could not answer: {decision.Kind}");
        }

        _port.DeliverDatagram(delay, send.Socket, send.Destination, response);
    }
}
