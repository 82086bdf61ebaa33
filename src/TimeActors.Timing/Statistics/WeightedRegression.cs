namespace TimeActors.Timing.Statistics;

/// <summary>
/// Weighted linear regression with runs-test trimming of the oldest points (the scheme of chrony's
/// regress.c, re-derived): fit the newest points, look at the signs of the residuals over up to twice
/// as many points (older history included), and drop the oldest point while the signs are too
/// orderly to be noise. Allocation-free; at most <see cref="MaxPoints"/> points in total.
/// </summary>
public static class WeightedRegression
{
    /// <summary>Least points a line is fitted through (two would leave no degree of freedom).</summary>
    public const int MinPoints = 3;

    /// <summary>How many points (fit plus history) the residual check looks at per fitted point.</summary>
    public const int RunsRatio = 2;

    /// <summary>Upper bound on history plus fitted points (sizes the stack buffer).</summary>
    public const int MaxPoints = 256;

    /// <summary>
    /// Fits the points <c>x[history..]</c>/<c>y[history..]</c> with weights <paramref name="weights"/>
    /// (one per fitted point; larger means less trusted). The first <paramref name="history"/> entries
    /// of x and y are older points used only to extend the runs test.
    /// </summary>
    /// <returns>False when fewer than <see cref="MinPoints"/> points are given.</returns>
    public static bool TryFindBest(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> weights,
        int history,
        int minSamples,
        out RegressionFit fit)
    {
        var n = x.Length - history;
        if (y.Length != x.Length || weights.Length != n || history < 0 || x.Length > MaxPoints)
            throw new ArgumentException("x, y must hold history + n points and weights n points, at most MaxPoints in total.");

        fit = default;
        if (n < MinPoints)
            return false;

        Span<double> residuals = stackalloc double[MaxPoints];
        var fx = x[history..];
        var fy = y[history..];

        int start = 0, residStart, runs;
        double a, b, u, v, w;
        while (true)
        {
            Fit(fx[start..], fy[start..], weights[start..], out a, out b, out u, out v, out w);

            // Residuals over twice the fitted span, reaching into history when there is some.
            residStart = Math.Max(n - (n - start) * RunsRatio, -history);
            var count = n - residStart;
            for (var i = residStart; i < n; i++)
                residuals[i - residStart] = y[history + i] - a - b * x[history + i];

            runs = RunsTest.CountRuns(residuals[..count]);
            var kept = n - start;
            if (runs > RunsTest.CriticalRuns(count) || kept <= MinPoints || kept <= minSamples)
            {
                if (start != residStart)
                    runs = RunsTest.CountRuns(residuals.Slice(start - residStart, kept));
                break;
            }

            start++;
        }

        var points = n - start;
        double ss = 0;
        for (var i = start; i < n; i++)
        {
            var r = residuals[i - residStart];
            ss += r * r / weights[i];
        }

        ss /= points - 2;
        var slopeSd = Math.Sqrt(ss / v);
        var aa = u * slopeSd;
        var interceptSd = Math.Sqrt(ss / w + aa * aa);
        fit = new RegressionFit(a, b, ss * points / w, interceptSd, slopeSd, start, runs, points - 2);
        return true;
    }

    // u is the weighted mean of x, v the weighted sum of squared x deviations, w the sum of 1/weight.
    private static void Fit(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> weights,
        out double intercept,
        out double slope,
        out double u,
        out double v,
        out double w)
    {
        double sumW = 0, sumX = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sumW += 1 / weights[i];
            sumX += x[i] / weights[i];
        }

        u = sumX / sumW;
        double p = 0, q = 0;
        v = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var ui = x[i] - u;
            p += y[i] / weights[i];
            q += y[i] * ui / weights[i];
            v += ui * ui / weights[i];
        }

        slope = q / v;
        intercept = p / sumW - slope * u;
        w = sumW;
    }
}
