using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Sources;

/// <summary>
/// One measurement of an NTP source, as the exchange logic produces it and source statistics,
/// selection and the clock controller consume it.
/// </summary>
/// <param name="LocalTime">Local system time the measurement refers to (the midpoint of T1 and T4).</param>
/// <param name="Offset">RFC 5905 theta: the source's clock minus the local clock (positive: the local clock is behind).</param>
/// <param name="Delay">Round-trip delay, floored at the combined precision of both ends.</param>
/// <param name="Dispersion">Error bound of this measurement alone (precisions plus frequency tolerance over the exchange).</param>
/// <param name="RootDelay">The source's root delay plus <paramref name="Delay"/>.</param>
/// <param name="RootDispersion">The source's root dispersion plus <paramref name="Dispersion"/>.</param>
/// <param name="Stratum">The source's stratum (1..15).</param>
/// <param name="Leap">The source's leap indicator.</param>
/// <param name="TxSource">Quality of the local transmit stamp (T1) used.</param>
/// <param name="RxSource">Quality of the local receive stamp (T4) used.</param>
/// <param name="Interleaved">Whether the sample came from an interleaved exchange.</param>
public readonly record struct SourceSample(
    SystemTime LocalTime,
    TimeInterval Offset,
    TimeInterval Delay,
    TimeInterval Dispersion,
    TimeInterval RootDelay,
    TimeInterval RootDispersion,
    int Stratum,
    LeapIndicator Leap,
    TimestampSource TxSource,
    TimestampSource RxSource,
    bool Interleaved);
