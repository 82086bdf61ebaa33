namespace TimeActors.Linux.Timekeeping;

/// <summary>What adjtimex / clock_adjtime returned: the clock state and the struct as the kernel filled it.</summary>
public readonly record struct TimexResult(ClockState State, Timex Timex);
