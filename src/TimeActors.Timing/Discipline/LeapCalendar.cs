using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// Leap seconds happen only at the end of 30 June or 31 December UTC (as chrony assumes). The kernel
/// applies STA_INS/STA_DEL at the end of whatever day they are set on, so they may be set only on
/// those days, whatever the sources announce earlier.
/// </summary>
public static class LeapCalendar
{
    private const long NanosecondsPerDay = 86_400L * 1_000_000_000L;

    /// <summary>True on 30 June and 31 December (UTC) of any year.</summary>
    public static bool IsLeapDay(SystemTime time)
    {
        var utc = DateTimeOffset.UnixEpoch.AddTicks(time.UnixNanoseconds / 100).UtcDateTime;
        return (utc.Month == 6 && utc.Day == 30) || (utc.Month == 12 && utc.Day == 31);
    }

    /// <summary>The next midnight UTC after <paramref name="time"/>: where 23:59:60 is inserted.</summary>
    public static SystemTime EndOfDay(SystemTime time)
    {
        var day = Math.DivRem(time.UnixNanoseconds, NanosecondsPerDay, out var rest);
        if (rest < 0)
            day--;
        return new SystemTime((day + 1) * NanosecondsPerDay);
    }
}
