namespace TimeActors.Timing.Time;

/// <summary>A signed interval in nanoseconds. Wire and exchange code never uses double seconds.</summary>
public readonly record struct TimeInterval(long Nanoseconds) : IComparable<TimeInterval>
{
    public static readonly TimeInterval Zero = new(0);

    public static TimeInterval FromSeconds(double seconds) => new((long)Math.Round(seconds * 1e9));

    public static TimeInterval FromMilliseconds(double milliseconds) => new((long)Math.Round(milliseconds * 1e6));

    public static TimeInterval FromMicroseconds(double microseconds) => new((long)Math.Round(microseconds * 1e3));

    /// <summary>For statistics and display only.</summary>
    public double TotalSeconds => Nanoseconds / 1e9;

    public static TimeInterval operator +(TimeInterval a, TimeInterval b) => new(a.Nanoseconds + b.Nanoseconds);

    public static TimeInterval operator -(TimeInterval a, TimeInterval b) => new(a.Nanoseconds - b.Nanoseconds);

    public static TimeInterval operator -(TimeInterval a) => new(-a.Nanoseconds);

    public static bool operator <(TimeInterval a, TimeInterval b) => a.Nanoseconds < b.Nanoseconds;

    public static bool operator >(TimeInterval a, TimeInterval b) => a.Nanoseconds > b.Nanoseconds;

    public static bool operator <=(TimeInterval a, TimeInterval b) => a.Nanoseconds <= b.Nanoseconds;

    public static bool operator >=(TimeInterval a, TimeInterval b) => a.Nanoseconds >= b.Nanoseconds;

    public TimeInterval Abs() => new(Math.Abs(Nanoseconds));

    public int CompareTo(TimeInterval other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public override string ToString() => $"{TotalSeconds:+0.000000000;-0.000000000}s";
}
