using BenchmarkDotNet.Attributes;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Benchmarks.Timing;

/// <summary>
/// Cost of the packet path in TimeActors.Timing: parsing a response, a full client exchange step
/// (request + response validation + sample), the same with the response saved and released by a
/// hardware TX stamp, and building a server response. Allocations are expected to be zero.
/// Run: dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*NtpResponseBenchmarks*' --job short --memory
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class NtpResponseBenchmarks
{
    private static readonly TimeInterval Poll = TimeInterval.FromSeconds(64);
    private static readonly TimeInterval OneWay = TimeInterval.FromMicroseconds(150);
    private static readonly TimeInterval Offset = TimeInterval.FromMicroseconds(-420);

    private readonly byte[] _request = new byte[NtpPacket.MaxLength];
    private readonly byte[] _response = new byte[48];
    private readonly byte[] _serverResponse = new byte[48];
    private ClientExchange _basic = null!;
    private ClientExchange _saving = null!;
    private ulong _basicToken;
    private ulong _savingToken;
    private SystemTime _now;
    private ResponseBuilder _server = null!;
    private ServerTrackingState _tracking;

    [GlobalSetup]
    public void Setup()
    {
        _now = new SystemTime(1_763_700_000_000_000_000);
        _basic = new ClientExchange(new ClientExchangeOptions(), new XorShiftRandom(1));
        _basicToken = _basic.Start()[0].TimerToken;
        _saving = new ClientExchange(new ClientExchangeOptions(), new XorShiftRandom(2)) { HardwareTimestampingEnabled = true };
        _savingToken = _saving.Start()[0].TimerToken;
        _server = new ResponseBuilder(new InterleavedClientTable(1024));
        _tracking = new ServerTrackingState(LeapIndicator.NoWarning, 2, -24, TimeInterval.FromMilliseconds(1), TimeInterval.FromMilliseconds(2), 0xC0000201, _now);

        // One good sample first, so the saving source qualifies for saved responses from then on.
        _ = BasicExchange();
        _ = ExchangeStep(_saving, ref _savingToken, hardwareStampAfterResponse: false);
        WriteResponse(NtpHeader.ReadFrom(_request).Transmit);
    }

    /// <summary>Parse and structural validation of one 48-byte response.</summary>
    [Benchmark]
    public ulong ParseResponse()
    {
        _ = NtpPacket.TryParse(_response, out NtpPacket packet);
        return packet.Header.Transmit.Raw;
    }

    /// <summary>Request only: the transmit half of a client step (subtract it from the full step).</summary>
    [Benchmark]
    public int TransmitOnly()
    {
        _now += Poll;
        ReadOnlySpan<ExchangeAction> actions = _basic.Transmit(_basicToken, _now, _request);
        _basicToken = actions[^1].TimerToken;
        return actions.Length;
    }

    /// <summary>Request, then parse + tests 1-7 + sample of its response.</summary>
    [Benchmark(Baseline = true)]
    public long BasicExchange() => ExchangeStep(_basic, ref _basicToken, hardwareStampAfterResponse: false);

    /// <summary>Request, response saved awaiting its HW TX stamp, then released by the stamp and processed.</summary>
    [Benchmark]
    public long SavedResponseReleasedByHardwareStamp() => ExchangeStep(_saving, ref _savingToken, hardwareStampAfterResponse: true);

    /// <summary>Server side: parse a request and build the response (interleaved-table update included).</summary>
    [Benchmark]
    public int BuildServerResponse()
    {
        _now += TimeInterval.FromMilliseconds(1);
        ResponseDecision decision = _server.Build(
            _request.AsSpan(0, 48),
            new ClientAddress(0xFFFF_0AC8_0001),
            new PacketTimestamp(_now, TimestampSource.Kernel, TimeInterval.Zero),
            _tracking,
            _now + TimeInterval.FromMicroseconds(20),
            _serverResponse);
        return decision.Length;
    }

    private long ExchangeStep(ClientExchange exchange, ref ulong token, bool hardwareStampAfterResponse)
    {
        _now += Poll;
        SystemTime t1 = _now;
        ReadOnlySpan<ExchangeAction> sent = exchange.Transmit(token, t1, _request);
        token = sent[^1].TimerToken;
        NtpTimestamp nonce = NtpHeader.ReadFrom(_request).Transmit;
        WriteResponse(nonce);

        var rx = new PacketTimestamp(t1 + OneWay + TimeInterval.FromMicroseconds(10) + OneWay, TimestampSource.Kernel, TimeInterval.Zero);
        ReadOnlySpan<ExchangeAction> actions = exchange.OnResponse(_response, rx);
        if (hardwareStampAfterResponse)
        {
            actions = exchange.OnTxStamp(nonce, new PacketTimestamp(t1 + TimeInterval.FromMicroseconds(3), TimestampSource.Hardware, TimeInterval.Zero));
        }

        foreach (ExchangeAction action in actions)
        {
            if (action.Kind == ExchangeActionKind.ProcessSample)
            {
                return action.Sample.Offset.Nanoseconds;
            }
        }

        throw new InvalidOperationException("The benchmark exchange produced no sample.");
    }

    private void WriteResponse(NtpTimestamp origin)
    {
        SystemTime t2 = _now + OneWay + Offset;
        new NtpHeader(
            LeapIndicator.NoWarning, 4, NtpMode.Server, 2, 6, -24,
            new NtpShort(64), new NtpShort(128), 0xC0000201,
            NtpTimestamp.FromSystemTime(t2 - Poll), origin,
            NtpTimestamp.FromSystemTime(t2), NtpTimestamp.FromSystemTime(t2 + TimeInterval.FromMicroseconds(10))).WriteTo(_response);
    }

    private sealed class XorShiftRandom(ulong seed) : IRandomSource
    {
        private ulong _state = seed * 0x9E37_79B9_7F4A_7C15;

        public ulong NextUInt64()
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            return _state;
        }
    }
}
