using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.clock</c>: discipline mode, step policy (makestep), slew limit and leap handling.</summary>
public sealed record ClockSettings
{
    public DisciplineMode Mode { get; init; } = DisciplineMode.Observe;

    /// <summary>Offsets larger than this are stepped while <see cref="MakeStepLimit"/> allows (chrony makestep threshold).</summary>
    public TimeInterval MakeStepThreshold { get; init; } = TimeInterval.FromSeconds(1);

    /// <summary>How many clock updates may step: 0 never, N the first N updates, -1 any update (chrony makestep limit).</summary>
    public int MakeStepLimit { get; init; } = 3;

    /// <summary>Largest frequency correction used to slew, ppm (chrony maxslewrate).</summary>
    public double MaxSlewRatePpm { get; init; } = 83_333.333;

    public LeapMode LeapMode { get; init; } = LeapMode.System;

    /// <summary>The mode as status output names it ("control" or "observe").</summary>
    public string ModeName => Mode == DisciplineMode.Control ? "control" : "observe";
}
