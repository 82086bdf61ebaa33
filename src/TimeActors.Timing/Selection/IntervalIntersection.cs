using TimeActors.Timing.Time;

namespace TimeActors.Timing.Selection;

/// <summary>
/// Marzullo-style search for the offset range covered by the most correctness intervals. Intervals
/// are closed: touching intervals agree. When several disjoint ranges tie for the most coverage the
/// result spans from the first to the last of them, so the tie stays ambiguous instead of being
/// broken arbitrarily (the caller then demands containment, as chrony does).
/// </summary>
public static class IntervalIntersection
{
    /// <summary>Best coverage and the range it holds over; depth 0 for no intervals.</summary>
    public readonly record struct Result(int Depth, TimeInterval Low, TimeInterval High);

    /// <param name="lows">Lower ends, one per interval.</param>
    /// <param name="highs">Upper ends, same order; each at least its low.</param>
    public static Result Find(ReadOnlySpan<TimeInterval> lows, ReadOnlySpan<TimeInterval> highs)
    {
        if (lows.Length != highs.Length)
            throw new ArgumentException("One high per low is required.", nameof(highs));
        if (lows.IsEmpty)
            return new Result(0, TimeInterval.Zero, TimeInterval.Zero);

        // Endpoint key: value, then lows before highs so closed intervals that touch overlap.
        var endpoints = new (long Value, int Kind)[lows.Length * 2];
        for (var i = 0; i < lows.Length; i++)
        {
            endpoints[2 * i] = (lows[i].Nanoseconds, 0);
            endpoints[2 * i + 1] = (highs[i].Nanoseconds, 1);
        }

        Array.Sort(endpoints);

        int depth = 0, bestDepth = 0;
        long bestLow = 0, bestHigh = 0;
        foreach (var (value, kind) in endpoints)
        {
            if (kind == 0)
            {
                depth++;
                if (depth > bestDepth)
                {
                    bestDepth = depth;
                    bestLow = value;
                }
            }
            else
            {
                if (depth == bestDepth)
                    bestHigh = value;
                depth--;
            }
        }

        return new Result(bestDepth, new TimeInterval(bestLow), new TimeInterval(bestHigh));
    }
}
