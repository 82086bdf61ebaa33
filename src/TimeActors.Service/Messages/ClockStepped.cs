using TimeActors.Timing.Time;

namespace TimeActors.Service.Messages;

/// <summary>Broadcast on the event stream: the clock was stepped; stored local stamps must move by <paramref name="Step"/>.</summary>
public sealed record ClockStepped(TimeInterval Step, SystemTime At);
