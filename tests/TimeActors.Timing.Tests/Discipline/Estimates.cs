using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Discipline;

/// <summary>Scripted combined estimates at explicit clock readings.</summary>
internal static class Estimates
{
    /// <summary>2027-03-15T00:00:00Z: no leap second anywhere near.</summary>
    public static readonly SystemTime Start = new(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L);

    public static SystemTime At(double seconds) => Start + TimeInterval.FromSeconds(seconds);

    public static SystemTime Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L);

    public static CombinedEstimate Make(
        SystemTime time,
        double offsetSeconds,
        double frequencyPpm = 0,
        double offsetSdSeconds = 1e-4,
        double frequencySdPpm = 0.01,
        double skewPpm = 0.05,
        double rootDelaySeconds = 0.002,
        double rootDispersionSeconds = 0.001,
        int stratum = 1,
        LeapIndicator leap = LeapIndicator.NoWarning) =>
        new(time,
            TimeInterval.FromSeconds(offsetSeconds),
            TimeInterval.FromSeconds(offsetSdSeconds),
            frequencyPpm,
            frequencySdPpm,
            skewPpm,
            TimeInterval.FromSeconds(rootDelaySeconds),
            TimeInterval.FromSeconds(rootDispersionSeconds),
            stratum,
            leap,
            1);
}
