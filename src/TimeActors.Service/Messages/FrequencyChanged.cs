using TimeActors.Timing.Time;

namespace TimeActors.Service.Messages;

/// <summary>Broadcast on the event stream: the clock's frequency correction changed by <paramref name="DeltaPpm"/> at <paramref name="At"/>.</summary>
public sealed record FrequencyChanged(double DeltaPpm, SystemTime At);
