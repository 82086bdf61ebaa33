using System.Globalization;

namespace TimeActors.EndToEnd.Tests.Statistics;

/// <summary>
/// Mean and sample standard deviation (n - 1) of measured offsets in seconds, with the extremes and
/// the RMS. Both ends of a testbed share one kernel clock, so every measured offset is pure error:
/// these are the accuracy figures the end-to-end tests report for our service and for chronyd.
/// </summary>
public sealed record OffsetStatistics(int Count, double MeanS, double StandardDeviationS, double RmsS, double MinS, double MaxS)
{
    public static OffsetStatistics Of(IEnumerable<double> offsetsS)
    {
        var values = offsetsS.ToArray();
        if (values.Length == 0)
        {
            throw new ArgumentException("no offsets to summarise", nameof(offsetsS));
        }

        // Two passes: the mean first, then squared deviations from it (no cancellation from sum of squares).
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        var sd = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : 0;
        var rms = Math.Sqrt(values.Sum(v => v * v) / values.Length);
        return new OffsetStatistics(values.Length, mean, sd, rms, values.Min(), values.Max());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} mean={MeanS * 1e6:0.000} us sd={StandardDeviationS * 1e6:0.000} us rms={RmsS * 1e6:0.000} us min={MinS * 1e6:0.000} us max={MaxS * 1e6:0.000} us");
}
