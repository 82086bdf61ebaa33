namespace TimeActors.Timing.Statistics;

/// <summary>
/// Two-sided 99.9 % (one-sided 99.95 %) quantiles of Student's t distribution, the confidence factor
/// that turns a slope standard deviation into a skew bound. Computed from the exact closed form of
/// the t CDF for integer degrees of freedom (no table to copy, no approximation error to tune).
/// </summary>
public static class StudentT
{
    /// <summary>The cumulative probability the quantiles are taken at.</summary>
    public const double Probability = 0.9995;

    private const int TableSize = 128;
    private static readonly double[] Quantiles = BuildTable();

    /// <summary>t such that P(T ≤ t) = 0.9995 for <paramref name="degreesOfFreedom"/> ≥ 1.</summary>
    public static double Quantile9995(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return degreesOfFreedom <= TableSize ? Quantiles[degreesOfFreedom - 1] : Solve(degreesOfFreedom);
    }

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        for (var dof = 1; dof <= TableSize; dof++)
            table[dof - 1] = Solve(dof);
        return table;
    }

    // P(|T| < t) is monotonic in t, so bisection on it converges without any tuning.
    private static double Solve(int dof)
    {
        const double target = 2 * Probability - 1;
        double lo = 0, hi = 1e4;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (CentralProbability(mid, dof) < target)
                lo = mid;
            else
                hi = mid;
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>P(|T| &lt; t) for integer degrees of freedom (Abramowitz and Stegun 26.7.3/26.7.4).</summary>
    internal static double CentralProbability(double t, int dof)
    {
        var theta = Math.Atan(t / Math.Sqrt(dof));
        var cos2 = Math.Cos(theta) * Math.Cos(theta);
        var sin = Math.Sin(theta);
        if (dof % 2 == 1)
        {
            if (dof == 1)
                return 2 * theta / Math.PI;

            // Series 1 + (2/3)c² + (2·4)/(3·5)c⁴ + ... up to c^(dof-3).
            double term = 1, sum = 1;
            for (var k = 2; k <= dof - 3; k += 2)
            {
                term *= cos2 * k / (k + 1);
                sum += term;
            }

            return 2 / Math.PI * (theta + sin * Math.Cos(theta) * sum);
        }
        else
        {
            // Series 1 + (1/2)c² + (1·3)/(2·4)c⁴ + ... up to c^(dof-2).
            double term = 1, sum = 1;
            for (var k = 1; k <= dof - 3; k += 2)
            {
                term *= cos2 * k / (k + 1);
                sum += term;
            }

            return sin * sum;
        }
    }
}
