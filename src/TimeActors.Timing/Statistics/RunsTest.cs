namespace TimeActors.Timing.Statistics;

/// <summary>
/// Wald–Wolfowitz runs test on regression residuals. Too few runs of equal sign mean the residuals
/// are not random, i.e. the oldest samples no longer follow the same line (the frequency wandered),
/// so the regression drops them.
/// </summary>
public static class RunsTest
{
    // Below this many points the normal approximation of the runs distribution is too coarse to
    // reject anything, so no trimming happens on runs alone.
    private const int MinimumPointsForTest = 8;

    // Too few runs means fewer than the mean by more than this many standard deviations: one, a
    // one-sided 16 % test in the normal approximation (chrony uses 5 %, 1.645). Exactly, with the
    // floor below and signs that need not split evenly, residuals that are pure noise fail it 16-36 %
    // of the time depending on the number of points. The test runs after every sample and decides
    // whether the oldest samples still follow the line. Trimming one good sample too many costs
    // little (minsamples keeps at least six, and the poll shortens to refill the register), while
    // keeping samples after the frequency has wandered biases the offset for as long as they stay:
    // at maxpoll 10 with 1e-9 wander that was a 50-200 µs error lasting hours (medians over 5 seeds
    // in the simulator, default scenario RMS 75 -> 50 µs, wander 120 -> 109 µs; jitter 15.5 -> 16.4 ms).
    private const double RejectBelowMeanSd = 1.0;

    /// <summary>
    /// The largest run count that is still "too few": one standard deviation below the mean run count
    /// of equal numbers of positive and negative residuals (nominally one-sided 16 %; the exact chance
    /// of rejecting random signs is 16-36 %, see above). A fit passes when its runs
    /// exceed this value.
    /// </summary>
    public static int CriticalRuns(int points)
    {
        if (points < MinimumPointsForTest)
            return 0;

        // With n/2 residuals of each sign: mean runs n/2 + 1, variance n(n-2)/(4(n-1)).
        var mean = points / 2.0 + 1;
        var sd = Math.Sqrt(points * (points - 2.0) / (4.0 * (points - 1)));
        return Math.Max(0, (int)Math.Floor(mean - RejectBelowMeanSd * sd));
    }

    /// <summary>Number of maximal runs of equal sign; a zero residual always starts a new run.</summary>
    public static int CountRuns(ReadOnlySpan<double> residuals)
    {
        if (residuals.IsEmpty)
            return 0;

        var runs = 1;
        for (var i = 1; i < residuals.Length; i++)
        {
            var sameSign = (residuals[i - 1] < 0 && residuals[i] < 0) || (residuals[i - 1] > 0 && residuals[i] > 0);
            if (!sameSign)
                runs++;
        }

        return runs;
    }
}
