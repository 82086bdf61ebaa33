using TimeActors.Actors;

namespace TimeActors.Simulation;

/// <summary>
/// True time of the simulated world: seconds since the scenario's start (a double, so events between
/// the virtual scheduler's 100 ns ticks keep their exact times), and the UTC instant the start is.
/// The world's "now" is the virtual scheduler's; exact event times are carried as numbers alongside.
/// </summary>
public sealed class SimulationTimeline
{
    private readonly Func<double> _now;

    public SimulationTimeline(long startUnixNs, Func<double> secondsNow)
    {
        ArgumentNullException.ThrowIfNull(secondsNow);
        StartUnixNs = startUnixNs;
        _now = secondsNow;
    }

    /// <summary>The scenario starts when <paramref name="scheduler"/>'s virtual time does.</summary>
    public SimulationTimeline(IScheduler scheduler)
        : this(ToUnixNs(scheduler.Now), SecondsSince(scheduler, scheduler.Now))
    {
    }

    /// <summary>UTC of true time 0, ns since the Unix epoch.</summary>
    public long StartUnixNs { get; }

    /// <summary>True time now, seconds since the start.</summary>
    public double Now => _now();

    /// <summary>A scheduler delay (whole 100 ns ticks, rounded up so nothing is delivered early) from now to <paramref name="t"/>.</summary>
    public TimeSpan DelayUntil(double t)
    {
        double seconds = t - Now;
        return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(seconds * 1e7 - 1e-6));
    }

    /// <summary>A time of true time <paramref name="t"/> on a clock that is <paramref name="offsetSeconds"/> ahead, as ns since the epoch.</summary>
    public long UnixNs(double t, double offsetSeconds = 0) => StartUnixNs + (long)Math.Round((t + offsetSeconds) * 1e9);

    public static long ToUnixNs(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static Func<double> SecondsSince(IScheduler scheduler, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return () => (scheduler.Now - start).Ticks / 1e7;
    }
}
