using TimeActors.Timing.Hardware;

namespace TimeActors.Simulation;

/// <summary>
/// A NIC with a PTP hardware clock: PHC = true time + offset, each stamp with its own white noise
/// (clknetsim evaluates the PHC expression afresh on every read). RX stamps are taken at the start of
/// the frame, <see cref="Layer2Transposition"/> earlier than its end at the reported link speed, so the
/// service's PHC model, which moves them back, recovers the arrival time. Each stream of numbers
/// (stamp noise, TX stamp latency, PHC read delays) is its own.
/// </summary>
public sealed class SimulatedNic
{
    private readonly object _gate = new();
    private readonly SimulationTimeline _timeline;
    private readonly SimRandom _stampNoise;
    private readonly SimRandom _latency;
    private readonly SimRandom _readDelay;

    public SimulatedNic(SimulatedNicOptions options, SimulationTimeline timeline, SimulatedSystemClock clock, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        Options = options;
        _timeline = timeline;
        Clock = clock;
        _stampNoise = random.Fork("stamp-noise");
        _latency = random.Fork("tx-latency");
        _readDelay = random.Fork("phc-read");
    }

    public SimulatedNicOptions Options { get; }

    public string Name => Options.Name;

    /// <summary>The host's system clock (PHC readings are bracketed by its reads).</summary>
    public SimulatedSystemClock Clock { get; }

    /// <summary>Hardware TX stamps drawn to never arrive.</summary>
    public long TxStampsLost { get; private set; }

    /// <summary>The PHC's raw reading at true time <paramref name="t"/>, ns, with stamp noise.</summary>
    public long PhcNs(double t)
    {
        double noise;
        lock (_gate)
        {
            noise = Options.StampJitterSeconds * _stampNoise.Normal();
        }

        return _timeline.UnixNs(t, Options.PhcOffsetSeconds + noise);
    }

    /// <summary>The raw RX stamp of a frame whose last bit arrived at <paramref name="arrival"/>: taken at its first bit.</summary>
    public long RxStampNs(double arrival, int payloadBytes) =>
        PhcNs(arrival - (Layer2Transposition.RxDurationNs(Layer2Transposition.AssumedLength(payloadBytes, ipv6: false), Options.LinkSpeedMbps) / 1e9));

    /// <summary>How long the TX stamp of a send takes to arrive; null when it never does.</summary>
    public double? DrawTxLatency()
    {
        lock (_gate)
        {
            var latency = Options.TxStampLatency.Draw(_latency);
            if (latency is null)
            {
                TxStampsLost++;
            }

            return latency;
        }
    }

    /// <summary>
    /// One PTP_SYS_OFFSET-style reading ending now: system read, PHC read, system read, with
    /// half-delays of delay/2 + jitter·(Poisson(5) + U)/5.5·0.5 as clknetsim draws them.
    /// </summary>
    public PhcClockReading Read()
    {
        double before;
        double after;
        lock (_gate)
        {
            before = HalfDelay();
            after = HalfDelay();
        }

        double end = _timeline.Now;
        double phcAt = end - after;
        return new PhcClockReading(Clock.ReadingAt(phcAt - before), PhcNs(phcAt), Clock.ReadingAt(end));
    }

    private double HalfDelay() =>
        (Options.PhcReadDelaySeconds / 2) + (Options.PhcReadJitterSeconds * (_readDelay.Poisson(5) + _readDelay.Uniform()) / 5.5 * 0.5);
}
