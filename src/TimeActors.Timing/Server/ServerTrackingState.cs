using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Server;

/// <summary>What a server tells its clients about its own synchronisation (from the clock actor's Tracking).</summary>
/// <param name="Stratum">Our stratum; 0 with <see cref="LeapIndicator.Unsynchronized"/> while unsynchronised.</param>
/// <param name="PrecisionLog2">log2 of our clock's reading precision in seconds.</param>
/// <param name="ReferenceId">Our reference ID (IPv4 address or hash of the selected source, or a refclock code).</param>
/// <param name="ReferenceTime">When the clock was last updated.</param>
public readonly record struct ServerTrackingState(
    LeapIndicator Leap,
    byte Stratum,
    sbyte PrecisionLog2,
    TimeInterval RootDelay,
    TimeInterval RootDispersion,
    uint ReferenceId,
    SystemTime ReferenceTime);
