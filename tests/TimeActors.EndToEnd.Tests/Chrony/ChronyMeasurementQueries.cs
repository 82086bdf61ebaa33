using TimeActors.EndToEnd.Tests.Statistics;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>The selections the accuracy figures are computed from.</summary>
public static class ChronyMeasurementQueries
{
    /// <summary>
    /// Offsets of the exchanges with <paramref name="address"/> (all servers when null), only
    /// interleaved or only basic ones when <paramref name="interleaved"/> says so, after skipping
    /// the first <paramref name="skip"/> (the iburst start-up).
    /// </summary>
    public static OffsetStatistics OffsetStatistics(this IEnumerable<ChronyMeasurement> log, string? address = null, bool? interleaved = null, int skip = 0) =>
        Statistics.OffsetStatistics.Of(log
            .Where(m => (address is null || m.Address == address) && (interleaved is null || m.Interleaved == interleaved))
            .Skip(skip)
            .Select(m => m.OffsetS));
}
