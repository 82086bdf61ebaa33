namespace TimeActors.Simulation;

/// <summary>
/// clknetsim's figures of a run (stats.cc and the test suite's check_sync): the clock is sampled once
/// per simulated second (offset = clock − true UTC, frequency error = rate − 1); the sync time is one
/// more than the last second whose |offset| or |frequency error| is beyond its limit; maxima and RMS
/// of |offset| and |frequency error| are taken over the seconds after <see cref="StatsFromSeconds"/>.
/// </summary>
public sealed class ClockStatistics(double statsFromSeconds, double maxOffsetLimitSeconds = 1e-3, double maxFrequencyLimit = 500e-6)
{
    private double _sumOffsetSquares;
    private double _sumFrequencySquares;

    public double StatsFromSeconds { get; } = statsFromSeconds;

    public double MaxOffsetLimitSeconds { get; } = maxOffsetLimitSeconds;

    /// <summary>Relative (500e-6 = 500 ppm).</summary>
    public double MaxFrequencyLimit { get; } = maxFrequencyLimit;

    /// <summary>Samples recorded in all.</summary>
    public int Samples { get; private set; }

    /// <summary>Samples after <see cref="StatsFromSeconds"/>.</summary>
    public int StatisticsSamples { get; private set; }

    /// <summary>The last second out of limits, or null when none was.</summary>
    public double? LastOutOfLimitsSeconds { get; private set; }

    /// <summary>1 + the last second out of limits (0 when the clock was never out of them).</summary>
    public double SyncTimeSeconds => LastOutOfLimitsSeconds is { } last ? last + 1 : 0;

    public double MaxOffsetSeconds { get; private set; }

    public double RmsOffsetSeconds => StatisticsSamples == 0 ? 0 : Math.Sqrt(_sumOffsetSquares / StatisticsSamples);

    /// <summary>Relative frequency error (×1e6 for ppm).</summary>
    public double MaxFrequencyError { get; private set; }

    public double RmsFrequencyError => StatisticsSamples == 0 ? 0 : Math.Sqrt(_sumFrequencySquares / StatisticsSamples);

    /// <param name="seconds">True time of the sample, seconds since the start.</param>
    /// <param name="offsetSeconds">Clock minus true UTC.</param>
    /// <param name="frequencyError">Clock rate minus 1.</param>
    public void Record(double seconds, double offsetSeconds, double frequencyError)
    {
        Samples++;
        double offset = Math.Abs(offsetSeconds);
        double frequency = Math.Abs(frequencyError);
        if (offset > MaxOffsetLimitSeconds || frequency > MaxFrequencyLimit || double.IsNaN(offset) || double.IsNaN(frequency))
        {
            LastOutOfLimitsSeconds = seconds;
        }

        if (seconds <= StatsFromSeconds)
        {
            return;
        }

        StatisticsSamples++;
        MaxOffsetSeconds = Math.Max(MaxOffsetSeconds, offset);
        MaxFrequencyError = Math.Max(MaxFrequencyError, frequency);
        _sumOffsetSquares += offset * offset;
        _sumFrequencySquares += frequency * frequency;
    }
}
