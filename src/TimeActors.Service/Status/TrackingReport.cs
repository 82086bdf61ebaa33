using TimeActors.Timing.Wire;

namespace TimeActors.Service.Status;

/// <summary>The clock actor's view of the local clock (`timeactors tracking`, status JSON `tracking`).</summary>
/// <param name="Synchronized">A source is selected and the clock is being steered (or would be, in observe mode).</param>
/// <param name="Reference">Selected source's name, or null.</param>
/// <param name="ReferenceId">NTP reference ID served to clients (IPv4 address or hash).</param>
/// <param name="Stratum">Our stratum: selected source's + 1, 16 when unsynchronised.</param>
/// <param name="OffsetSeconds">Last estimated offset of the local clock (positive: behind the reference).</param>
/// <param name="FrequencyPpm">Frequency correction applied (or that would be applied), ppm.</param>
/// <param name="RmsOffsetSeconds">Long-term RMS of the offset.</param>
/// <param name="RootDelaySeconds">Root delay served to clients.</param>
/// <param name="RootDispersionSeconds">Root dispersion served to clients.</param>
/// <param name="Leap">Leap status.</param>
/// <param name="Mode">"control" (adjtimex writes) or "observe" (never writes).</param>
public sealed record TrackingReport(
    bool Synchronized,
    string? Reference,
    uint ReferenceId,
    int Stratum,
    double OffsetSeconds,
    double FrequencyPpm,
    double RmsOffsetSeconds,
    double RootDelaySeconds,
    double RootDispersionSeconds,
    LeapIndicator Leap,
    string Mode)
{
    /// <summary>Frequency error measured but not (yet) applied, ppm.</summary>
    public double ResidualFrequencyPpm { get; init; }

    /// <summary>Error bound of the frequency, ppm.</summary>
    public double SkewPpm { get; init; }

    /// <summary>Estimated error (adjtimex esterror) as the controller computes it for the kernel at the report's time; 16 s before the first update.</summary>
    public double EstErrorSeconds { get; init; } = 16;

    /// <summary>Maximum error (adjtimex maxerror) as the controller computes it for the kernel at the report's time; 16 s when unsynchronised.</summary>
    public double MaxErrorSeconds { get; init; } = 16;

    public static TrackingReport Unsynchronized(string mode) =>
        new(false, null, 0, 16, 0, 0, 0, 0, 0, LeapIndicator.Unsynchronized, mode);
}
