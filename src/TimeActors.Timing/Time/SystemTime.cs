namespace TimeActors.Timing.Time;

/// <summary>
/// A point on the local system clock (CLOCK_REALTIME) in nanoseconds since the Unix epoch. Every
/// timestamp that crosses the Timing boundary is one of these; NTP's 64-bit format is only for the wire.
/// </summary>
public readonly record struct SystemTime(long UnixNanoseconds) : IComparable<SystemTime>
{
    public static SystemTime operator +(SystemTime time, TimeInterval interval) => new(time.UnixNanoseconds + interval.Nanoseconds);

    public static SystemTime operator -(SystemTime time, TimeInterval interval) => new(time.UnixNanoseconds - interval.Nanoseconds);

    public static TimeInterval operator -(SystemTime later, SystemTime earlier) => new(later.UnixNanoseconds - earlier.UnixNanoseconds);

    public static bool operator <(SystemTime a, SystemTime b) => a.UnixNanoseconds < b.UnixNanoseconds;

    public static bool operator >(SystemTime a, SystemTime b) => a.UnixNanoseconds > b.UnixNanoseconds;

    public static bool operator <=(SystemTime a, SystemTime b) => a.UnixNanoseconds <= b.UnixNanoseconds;

    public static bool operator >=(SystemTime a, SystemTime b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    public int CompareTo(SystemTime other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);

    public override string ToString() =>
        DateTimeOffset.UnixEpoch.AddTicks(UnixNanoseconds / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
