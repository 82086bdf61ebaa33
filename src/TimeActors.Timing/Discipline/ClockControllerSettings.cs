using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>Clock discipline limits; defaults follow chrony's.</summary>
public sealed record ClockControllerSettings
{
    /// <summary>When to step rather than slew (chrony <c>makestep</c>; default: never step).</summary>
    public StepPolicy StepPolicy { get; init; } = StepPolicy.Never;

    /// <summary>Largest extra frequency used to slew an offset away (chrony <c>maxslewrate</c>, 83333.333 ppm: 1 s takes at least 12 s).</summary>
    public double MaxSlewRatePpm { get; init; } = 1e6 / 12;

    /// <summary>
    /// Offsets as large as their standard deviation are corrected over this many halves of the
    /// update interval, larger ones faster (chrony <c>corrtimeratio</c>, whose default is 3).
    /// <para>
    /// Ours is 0.5: most of an offset goes within the update interval. The offset handed over is
    /// already the regression's estimate, averaged over its samples, so a slow correction smooths
    /// twice; a Kalman filter for chrony's default and wander models (phase and random-walk
    /// frequency, 70 µs measurement noise) moves the phase 60-70 % of the way to each new
    /// measurement. The price is frequency error (RMS 0.2 -> 0.4 ppm in the default scenario,
    /// pass limit 10 ppm); the gain is offset (median RMS over 5 seeds 82 -> 75 µs default,
    /// 140 -> 120 µs wander, 16.0 -> 15.5 ms jitter, 17 -> 16 ns hw-lan).
    /// </para>
    /// </summary>
    public double CorrectionTimeRatio { get; init; } = 0.5;

    /// <summary>Frequency estimates with a larger skew do not move the frequency (chrony <c>maxupdateskew</c>, 1000 ppm).</summary>
    public double MaxUpdateSkewPpm { get; init; } = 1000;

    /// <summary>Assumed frequency instability of the local clock, for error growth (chrony <c>maxclockerror</c>, 1 ppm).</summary>
    public double MaxClockErrorPpm { get; init; } = 1;

    /// <summary>Largest frequency correction (chrony <c>maxdrift</c>; Linux's tick allows ±100000 ppm).</summary>
    public double MaxFrequencyPpm { get; init; } = 100_000;

    /// <summary>A slew lasts at least this long (chrony: 1 s).</summary>
    public TimeInterval MinSlewDuration { get; init; } = TimeInterval.FromSeconds(1);

    /// <summary>A slew lasts at most this long (chrony: 10000 s).</summary>
    public TimeInterval MaxSlewDuration { get; init; } = TimeInterval.FromSeconds(10_000);

    /// <summary>How leap seconds reach the clock.</summary>
    public LeapMode LeapMode { get; init; } = LeapMode.Kernel;

    public static ClockControllerSettings Default { get; } = new();

    /// <summary>Throws when a value cannot work (the settings binder reports it with file and line).</summary>
    public void Validate()
    {
        if (!(MaxSlewRatePpm > 0) || MaxSlewRatePpm > 500_000)
            throw new ArgumentOutOfRangeException(nameof(MaxSlewRatePpm), MaxSlewRatePpm, "must be in (0, 500000] ppm");
        if (!(CorrectionTimeRatio > 0))
            throw new ArgumentOutOfRangeException(nameof(CorrectionTimeRatio), CorrectionTimeRatio, "must be positive");
        if (!(MaxUpdateSkewPpm > 0))
            throw new ArgumentOutOfRangeException(nameof(MaxUpdateSkewPpm), MaxUpdateSkewPpm, "must be positive");
        if (!(MaxClockErrorPpm >= 0))
            throw new ArgumentOutOfRangeException(nameof(MaxClockErrorPpm), MaxClockErrorPpm, "must not be negative");
        if (!(MaxFrequencyPpm > 0) || MaxFrequencyPpm > 100_000)
            throw new ArgumentOutOfRangeException(nameof(MaxFrequencyPpm), MaxFrequencyPpm, "must be in (0, 100000] ppm");
        if (MinSlewDuration <= TimeInterval.Zero || MaxSlewDuration < MinSlewDuration)
            throw new ArgumentOutOfRangeException(nameof(MinSlewDuration), "slew durations must satisfy 0 < min <= max");
        if (StepPolicy.Threshold < TimeInterval.Zero)
            throw new ArgumentOutOfRangeException(nameof(StepPolicy), "the step threshold must not be negative");
    }
}
