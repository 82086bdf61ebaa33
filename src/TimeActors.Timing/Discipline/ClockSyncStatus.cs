using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>What the kernel is told about synchronisation: STA_UNSYNC, esterror and maxerror (each at most 16 s).</summary>
public readonly record struct ClockSyncStatus(bool Synchronized, TimeInterval EstError, TimeInterval MaxError);
