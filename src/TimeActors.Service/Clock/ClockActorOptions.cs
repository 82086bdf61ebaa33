using TimeActors.Timing.Discipline;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Clock;

/// <summary>
/// Everything the clock actor is configured with. A plain record so the settings layer can bind it
/// from HOCON (`timeactors.clock`) and tests can build it directly. Defaults follow chrony's.
/// </summary>
public sealed record ClockActorOptions
{
    /// <summary>`control` steers the clock, `observe` (the default, so nothing is written by accident) only reports.</summary>
    public ClockMode Mode { get; init; } = ClockMode.Observe;

    /// <summary>makestep: step beyond the threshold during the first updates, or always/never.</summary>
    public StepPolicy StepPolicy { get; init; } = StepPolicy.Never;

    /// <summary>Largest extra frequency used to slew an offset (chrony maxslewrate, 83333.333 ppm).</summary>
    public double MaxSlewRatePpm { get; init; } = 1e6 / 12;

    /// <summary>How leap seconds reach the clock.</summary>
    public LeapMode LeapMode { get; init; } = LeapMode.Kernel;

    /// <summary>Selection and combining limits.</summary>
    public SelectionSettings Selection { get; init; } = SelectionSettings.Default;

    /// <summary>
    /// How often tracking is refreshed without new samples: selection re-run on aged data, root
    /// dispersion and maxerror grown, TrackingUpdated re-published (64 s, the default minpoll).
    /// </summary>
    public TimeInterval RefreshInterval { get; init; } = TimeInterval.FromSeconds(64);

    /// <summary>log2 of the clock's reading precision in seconds, served to clients (-20: about 1 µs).</summary>
    public sbyte PrecisionLog2 { get; init; } = -20;

    /// <summary>The remaining discipline limits (corrtimeratio, maxupdateskew, maxclockerror, maxdrift) for the controller.</summary>
    public ClockControllerSettings Discipline { get; init; } = ClockControllerSettings.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value that cannot work (for the settings layer to report with file and line).</summary>
    public void Validate()
    {
        ControllerSettings().Validate();
        if (RefreshInterval <= TimeInterval.Zero)
            throw new ArgumentOutOfRangeException(nameof(RefreshInterval), RefreshInterval, "must be positive");
        if (Selection.MinSources < 1)
            throw new ArgumentOutOfRangeException(nameof(Selection), Selection.MinSources, "minsources must be at least 1");
    }

    /// <summary>The controller settings with this record's step policy, slew rate and leap mode applied.</summary>
    public ClockControllerSettings ControllerSettings() => Discipline with
    {
        StepPolicy = StepPolicy,
        MaxSlewRatePpm = MaxSlewRatePpm,
        LeapMode = LeapMode,
    };
}
