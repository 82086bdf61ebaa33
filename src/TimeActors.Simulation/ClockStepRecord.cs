namespace TimeActors.Simulation;

/// <summary>A change of the simulated clock's phase: an ADJ_SETOFFSET step or a leap second applied by the kernel.</summary>
/// <param name="TrueTimeSeconds">When (true time since the start).</param>
/// <param name="StepSeconds">By how much every later reading moved.</param>
/// <param name="Leap">Applied by the kernel at midnight (STA_INS/STA_DEL), not asked for with a step.</param>
public readonly record struct ClockStepRecord(double TrueTimeSeconds, double StepSeconds, bool Leap);
