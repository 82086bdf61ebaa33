namespace TimeActors.LoadGen;

/// <summary>
/// Response latencies without allocation per sample: 1 µs buckets up to 65.536 ms, then 1 ms buckets
/// up to about 65 s (beyond that the last bucket). Quantiles are the bucket's upper edge, so they
/// read at most one bucket high; the maximum is exact.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineBuckets = 1 << 16;
    private const long FineNs = 1_000;
    private const long CoarseNs = 1_000_000;
    private readonly long[] _fine = new long[FineBuckets];
    private readonly long[] _coarse = new long[FineBuckets];

    public long Count { get; private set; }

    public long MaxNs { get; private set; }

    public void Record(long latencyNs)
    {
        latencyNs = Math.Max(0, latencyNs);
        var fine = latencyNs / FineNs;
        if (fine < FineBuckets)
        {
            _fine[fine]++;
        }
        else
        {
            _coarse[Math.Min(FineBuckets - 1, latencyNs / CoarseNs)]++;
        }

        Count++;
        MaxNs = Math.Max(MaxNs, latencyNs);
    }

    /// <summary>The latency (ns) at or below which <paramref name="quantile"/> of the samples lie; 0 when empty.</summary>
    public long QuantileNs(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(quantile, 0, 1) * Count);
        rank = Math.Max(1, rank);
        long seen = 0;
        for (var i = 0; i < FineBuckets; i++)
        {
            seen += _fine[i];
            if (seen >= rank)
            {
                return Math.Min(MaxNs, (i + 1) * FineNs);
            }
        }

        for (var i = 0; i < FineBuckets; i++)
        {
            seen += _coarse[i];
            if (seen >= rank)
            {
                return Math.Min(MaxNs, (i + 1) * CoarseNs);
            }
        }

        return MaxNs;
    }
}
