namespace TimeActors.Timing.Hardware;

/// <summary>
/// Turns one poll's PHC readings into one <see cref="PhcSample"/>. A reading's delay bounds its error,
/// and delays have a long tail (interrupts, bus contention), so only readings whose delay is near the
/// low quantiles of recent delays are averaged; when none is, the minimum-delay reading stands alone
/// with its own error. chrony estimates the quantiles with a streaming estimator; here they come from
/// a window of the last <see cref="WindowSize"/> delays, which follows a change of the bus as quickly
/// and is exact for a fixed window.
/// </summary>
public sealed class PhcReadingFilter
{
    /// <summary>Delays kept for the quantiles (ten polls of 25 readings, chrony's largest batch).</summary>
    public const int WindowSize = 250;

    private readonly long[] _window = new long[WindowSize];
    private readonly double _precisionNs;
    private int _count;
    private int _next;

    public PhcReadingFilter(double precisionNs)
    {
        _precisionNs = Math.Max(1, precisionNs);
    }

    /// <summary>
    /// Makes a sample of <paramref name="readings"/> (any order). False when there are none or one has
    /// a negative delay (the system clock was stepped during the poll: nothing in it can be trusted).
    /// </summary>
    public bool TryProcess(ReadOnlySpan<PhcClockReading> readings, out PhcSample sample)
    {
        sample = default;
        if (readings.IsEmpty)
        {
            return false;
        }

        foreach (var r in readings)
        {
            if (r.DelayNs < 0)
            {
                return false;
            }
        }

        foreach (var r in readings)
        {
            _window[_next] = r.DelayNs;
            _next = (_next + 1) % WindowSize;
            _count = Math.Min(_count + 1, WindowSize);
        }

        Span<long> sorted = stackalloc long[_count];
        _window.AsSpan(0, _count).CopyTo(sorted);
        sorted.Sort();
        double q10 = Quantile(sorted, 0.1);
        double q20 = Quantile(sorted, 0.2);
        double low = q10 - 0.5;
        double high = Math.Max(q20 + 0.5, low + _precisionNs);

        // Sums relative to the first reading keep the arithmetic in long range and exact.
        long baseSystem = readings[0].SystemMidpointNs;
        long baseOffset = readings[0].PhcNs - baseSystem;
        long systemSum = 0;
        long offsetSum = 0;
        long delaySum = 0;
        int used = 0;
        int best = 0;
        for (int i = 0; i < readings.Length; i++)
        {
            var r = readings[i];
            if (r.DelayNs < readings[best].DelayNs)
            {
                best = i;
            }

            if (r.DelayNs >= low && r.DelayNs <= high)
            {
                systemSum += r.SystemMidpointNs - baseSystem;
                offsetSum += r.PhcNs - r.SystemMidpointNs - baseOffset;
                delaySum += r.DelayNs;
                used++;
            }
        }

        if (used > 0)
        {
            long system = baseSystem + (long)Math.Round((double)systemSum / used);
            long offset = baseOffset + (long)Math.Round((double)offsetSum / used);
            double error = Math.Max((double)delaySum / used / 2, _precisionNs);
            sample = new PhcSample(system + offset, system, error, 2);
            return true;
        }

        var min = readings[best];
        sample = new PhcSample(min.PhcNs, min.SystemMidpointNs, Math.Max(min.DelayNs / 2.0, _precisionNs), 1);
        return true;
    }

    private static double Quantile(ReadOnlySpan<long> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
