namespace TimeActors.Service.Telemetry;

/// <summary>
/// Histogram state of one series: upper bounds, counts per bucket (not cumulative; one per bound plus
/// the last for +Inf), sum and count.
/// </summary>
public sealed record HistogramData(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> BucketCounts, double Sum, long Count);
