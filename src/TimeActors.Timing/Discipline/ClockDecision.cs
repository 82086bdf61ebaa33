using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// What the clock should do after one controller input, in the order to apply it: step, frequency,
/// leap bits, sync status. <see cref="Step"/> and a frequency change are also something every holder
/// of local timestamps must apply (ClockStepped / FrequencyChanged); a leap second is not (the
/// reference timescale moves with the clock).
/// </summary>
public sealed record ClockDecision
{
    public static ClockDecision None { get; } = new();

    /// <summary>Step the clock by this much (ADJ_SETOFFSET); every later reading is that much larger.</summary>
    public TimeInterval? Step { get; init; }

    /// <summary>Why the step: the offset, the threshold and which update of the policy's limit.</summary>
    public string? StepReason { get; init; }

    /// <summary>
    /// Step the clock by this much for a leap second (<see cref="LeapMode.Step"/>). Not a timescale
    /// change to re-reference: the servers' time (UTC) repeats or skips the same second, so offsets
    /// measured across it stay what they were.
    /// </summary>
    public TimeInterval? LeapStep { get; init; }

    /// <summary>
    /// The kernel has applied a leap second by itself (<see cref="LeapMode.Kernel"/>): nothing to
    /// write and, as for <see cref="LeapStep"/>, nothing to re-reference. For the log.
    /// </summary>
    public TimeInterval? LeapApplied { get; init; }

    /// <summary>When the step (ours, or the leap second's) happened, on the clock before it.</summary>
    public SystemTime StepAt { get; init; }

    /// <summary>The whole frequency correction to set, when it changes.</summary>
    public double? FrequencyPpm { get; init; }

    /// <summary>
    /// Change of the clock's rate relative to its rate before (positive: faster), for re-referencing:
    /// (1 + new)/(1 + old) − 1 in ppm (<see cref="ClockController.RelativeRateChangePpm"/>), not the
    /// plain difference of the corrections.
    /// </summary>
    public double FrequencyDeltaPpm { get; init; }

    /// <summary>When the new frequency takes effect (after any step).</summary>
    public SystemTime FrequencyAt { get; init; }

    /// <summary>Leap bits to set, when they change.</summary>
    public SystemClockLeap? Leap { get; init; }

    /// <summary>Synchronisation status to write.</summary>
    public ClockSyncStatus? SyncStatus { get; init; }

    /// <summary>Call <see cref="ClockController.OnTimer"/> at this clock reading (slew end, leap second).</summary>
    public SystemTime? NextWakeup { get; init; }

    /// <summary>True when the decision would change the clock at all.</summary>
    public bool ChangesClock => Step is not null || LeapStep is not null || FrequencyPpm is not null || Leap is not null || SyncStatus is not null;
}
