using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Exchange;

/// <summary>Nonces from a fixed sequence, so requests are reproducible; never zero.</summary>
internal sealed class SequenceRandom : IRandomSource
{
    private ulong _next;

    public SequenceRandom(ulong start = 0x1111_2222_3333_4444) => _next = start;

    public ulong NextUInt64()
    {
        ulong value = _next;
        _next += 0x0000_0001_0000_0003;
        return value;
    }
}

/// <summary>Authenticator with a scripted answer that counts its calls.</summary>
internal sealed class ScriptedAuthenticator : IResponseAuthenticator
{
    public bool Answer { get; set; } = true;

    public int Calls { get; private set; }

    public bool IsAuthentic(in NtpPacket packet)
    {
        Calls++;
        return Answer;
    }
}

/// <summary>
/// Drives one <see cref="ClientExchange"/> through a scripted timeline: remembers the timer tokens
/// it armed, keeps the last request, and builds server responses with exactly known timestamps.
/// </summary>
internal sealed class ExchangeHarness
{
    /// <summary>A fixed origin for scripted timelines (2025-11-21).</summary>
    public static readonly SystemTime Epoch = new(1_763_700_000_000_000_000);

    private readonly Dictionary<ExchangeTimer, ulong> _tokens = [];

    public ExchangeHarness(ClientExchangeOptions? options = null, IResponseAuthenticator? authenticator = null, ulong randomStart = 0x1111_2222_3333_4444)
    {
        Exchange = new ClientExchange(options ?? new ClientExchangeOptions(), new SequenceRandom(randomStart), authenticator);
        Exchange.HardwareTimestampingEnabled = true;
    }

    public ClientExchange Exchange { get; }

    public byte[] LastRequest { get; private set; } = new byte[48];

    public NtpHeader LastRequestHeader => NtpHeader.ReadFrom(LastRequest);

    public List<ExchangeAction> History { get; } = [];

    public static SystemTime Ms(double milliseconds) => Epoch + TimeInterval.FromMilliseconds(milliseconds);

    public static PacketTimestamp Stamp(SystemTime time, TimestampSource source = TimestampSource.Kernel, long errorNs = 0) =>
        new(time, source, new TimeInterval(errorNs));

    public ulong Token(ExchangeTimer timer) => _tokens.GetValueOrDefault(timer);

    public ExchangeAction[] Start() => Record(Exchange.Start());

    public ExchangeAction[] Send(SystemTime daemonTx)
    {
        if (Exchange.Activity == SourceActivity.Offline && Token(ExchangeTimer.Transmit) == 0)
        {
            Start();
        }

        var buffer = new byte[NtpPacket.MaxLength];
        ExchangeAction[] actions = Record(Exchange.Transmit(Token(ExchangeTimer.Transmit), daemonTx, buffer));
        ExchangeAction send = Array.Find(actions, a => a.Kind == ExchangeActionKind.SendRequest);
        if (send.Kind == ExchangeActionKind.SendRequest)
        {
            LastRequest = buffer[..send.RequestLength];
        }

        return actions;
    }

    public ExchangeAction[] Receive(byte[] datagram, SystemTime rx, TimestampSource source = TimestampSource.Kernel) =>
        Record(Exchange.OnResponse(datagram, Stamp(rx, source)));

    public ExchangeAction[] TxStamp(SystemTime time, TimestampSource source) =>
        Record(Exchange.OnTxStamp(LastRequestHeader.Transmit, Stamp(time, source)));

    public ExchangeAction[] Fire(ExchangeTimer timer) => Record(Exchange.OnTimer(timer, Token(timer)));

    /// <summary>
    /// The response a server with clock offset <paramref name="serverOffset"/> would send to the last
    /// request, received by it at local time <paramref name="arrival"/> and answered after <paramref name="hold"/>.
    /// </summary>
    public byte[] Respond(SystemTime arrival, TimeInterval serverOffset, TimeInterval hold, Func<NtpHeader, NtpHeader>? edit = null) =>
        RespondTo(LastRequestHeader, arrival, serverOffset, hold, edit);

    public static byte[] RespondTo(NtpHeader request, SystemTime arrival, TimeInterval serverOffset, TimeInterval hold, Func<NtpHeader, NtpHeader>? edit = null)
    {
        SystemTime t2 = arrival + serverOffset;
        var header = new NtpHeader(
            LeapIndicator.NoWarning,
            4,
            NtpMode.Server,
            Stratum: 2,
            Poll: request.Poll,
            Precision: -20,
            RootDelay: NtpShort.FromInterval(TimeInterval.FromMilliseconds(2)),
            RootDispersion: NtpShort.FromInterval(TimeInterval.FromMilliseconds(3)),
            ReferenceId: 0xC0000201,
            Reference: NtpTimestamp.FromSystemTime(t2 - TimeInterval.FromSeconds(10)),
            Origin: request.Transmit,
            Receive: NtpTimestamp.FromSystemTime(t2),
            Transmit: NtpTimestamp.FromSystemTime(t2 + hold));
        header = edit?.Invoke(header) ?? header;
        var bytes = new byte[48];
        header.WriteTo(bytes);
        return bytes;
    }

    /// <summary>One complete basic exchange: request at t1, 1 ms each way, 0.1 ms server hold; returns the response's actions.</summary>
    public ExchangeAction[] GoodExchange(double t1Ms, TimeInterval serverOffset, TimestampSource rxSource = TimestampSource.Kernel)
    {
        Send(Ms(t1Ms));
        byte[] response = Respond(Ms(t1Ms + 1), serverOffset, TimeInterval.FromMicroseconds(100));
        return Receive(response, Ms(t1Ms + 2.1), rxSource);
    }

    private ExchangeAction[] Record(ReadOnlySpan<ExchangeAction> actions)
    {
        ExchangeAction[] copy = actions.ToArray();
        foreach (ExchangeAction action in copy)
        {
            if (action.Kind == ExchangeActionKind.ArmTimer)
            {
                _tokens[action.Timer] = action.TimerToken;
            }
        }

        History.AddRange(copy);
        return copy;
    }
}

internal static class ActionAssertions
{
    public static ExchangeActionKind[] Kinds(this ExchangeAction[] actions) => Array.ConvertAll(actions, a => a.Kind);

    public static ExchangeAction Single(this ExchangeAction[] actions, ExchangeActionKind kind) =>
        Assert.Single(actions, a => a.Kind == kind);

    public static bool Has(this ExchangeAction[] actions, ExchangeActionKind kind) => Array.Exists(actions, a => a.Kind == kind);

    public static bool Arms(this ExchangeAction[] actions, ExchangeTimer timer) =>
        Array.Exists(actions, a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == timer);
}
