using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Discipline;

/// <summary>The controller's view of the clock at one moment (chronyc tracking's numbers).</summary>
/// <param name="Synchronized">Steered by a selected source and maxerror below 16 s.</param>
/// <param name="Steering">Decisions are applied to the clock (control mode); false in observe mode.</param>
/// <param name="LastOffset">The offset at the last update (source minus local, positive: local behind).</param>
/// <param name="RmsOffset">Exponential RMS of the offsets (weight 0.1 per update).</param>
/// <param name="FrequencyPpm">Correction for the oscillator's own error (applied, or that would be in observe mode).</param>
/// <param name="SlewPpm">Extra frequency now slewing an offset away.</param>
/// <param name="ResidualFrequencyPpm">Frequency error measured but not (yet) applied.</param>
/// <param name="SkewPpm">Error bound of the frequency.</param>
/// <param name="Stratum">Our stratum: the selected source's + 1, 16 when unsynchronised.</param>
/// <param name="RootDelay">Root delay to serve.</param>
/// <param name="RootDispersion">Root dispersion to serve, grown since the last update.</param>
/// <param name="Leap">Leap indicator to serve (Unsynchronized when not synchronised).</param>
/// <param name="EstError">Estimated error (esterror), capped at 16 s.</param>
/// <param name="MaxError">Maximum error (maxerror), capped at 16 s.</param>
/// <param name="LastUpdate">Clock reading of the last update, null before the first.</param>
/// <param name="Updates">Clock updates so far.</param>
public readonly record struct ClockTracking(
    bool Synchronized,
    bool Steering,
    TimeInterval LastOffset,
    TimeInterval RmsOffset,
    double FrequencyPpm,
    double SlewPpm,
    double ResidualFrequencyPpm,
    double SkewPpm,
    int Stratum,
    TimeInterval RootDelay,
    TimeInterval RootDispersion,
    LeapIndicator Leap,
    TimeInterval EstError,
    TimeInterval MaxError,
    SystemTime? LastUpdate,
    int Updates);
