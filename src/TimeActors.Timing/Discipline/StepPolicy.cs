using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// When the clock may be stepped instead of slewed (chrony's <c>makestep threshold limit</c>): an
/// offset larger than <see cref="Threshold"/> is stepped during the first <see cref="Limit"/> clock
/// updates; a negative limit allows steps on every update, zero never steps.
/// </summary>
public sealed record StepPolicy(TimeInterval Threshold, int Limit)
{
    /// <summary>Only slew (chrony's default without makestep).</summary>
    public static StepPolicy Never { get; } = new(TimeInterval.Zero, 0);

    /// <summary>Step whenever the offset exceeds <paramref name="threshold"/>.</summary>
    public static StepPolicy Always(TimeInterval threshold) => new(threshold, -1);

    /// <summary>Step beyond <paramref name="threshold"/> during the first <paramref name="updates"/> clock updates only.</summary>
    public static StepPolicy FirstUpdates(TimeInterval threshold, int updates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        return new(threshold, updates);
    }

    /// <summary>Whether the update numbered <paramref name="updatesSoFar"/> (0 for the first) may step.</summary>
    public bool AllowsStepAt(int updatesSoFar) => Limit < 0 || updatesSoFar < Limit;
}
