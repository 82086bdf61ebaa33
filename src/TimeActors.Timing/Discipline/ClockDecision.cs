using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// What the clock should do after one controller input, in the order to apply it: step, frequency,
/// leap bits, sync status. Each change of the clock's timescale is also something every holder of
/// local timestamps must apply (ClockStepped / FrequencyChanged), whether we wrote it or the kernel
/// did (a leap second).
/// </summary>
public sealed record ClockDecision
{
    public static ClockDecision None { get; } = new();

    /// <summary>Step the clock by this much (ADJ_SETOFFSET); every later reading is that much larger.</summary>
    public TimeInterval? Step { get; init; }

    /// <summary>Why the step: the offset, the threshold and which update of the policy's limit.</summary>
    public string? StepReason { get; init; }

    /// <summary>The kernel has applied a leap second by itself: re-reference by this much, write nothing.</summary>
    public TimeInterval? KernelLeapStep { get; init; }

    /// <summary>When the step (ours or the kernel's) happened, on the clock before it.</summary>
    public SystemTime StepAt { get; init; }

    /// <summary>The whole frequency correction to set, when it changes.</summary>
    public double? FrequencyPpm { get; init; }

    /// <summary>Change of the clock's rate relative to before (positive: faster), for re-referencing.</summary>
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
    public bool ChangesClock => Step is not null || FrequencyPpm is not null || Leap is not null || SyncStatus is not null;
}
