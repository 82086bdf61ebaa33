namespace TimeActors.Timing.Time;

/// <summary>
/// A packet's RX or TX time on the system clock, with where it came from and its error bound
/// (for hardware stamps, the PHC model's error; zero when not known).
/// </summary>
public readonly record struct PacketTimestamp(SystemTime Time, TimestampSource Source, TimeInterval Error);
