namespace TimeActors.Timing.Ports;

/// <summary>
/// Splits a frequency correction between timex.tick and timex.freq the way chrony's Linux driver
/// does: the fine frequency is limited to ±500 ppm, so larger corrections move the tick, where one
/// microsecond per tick is 1e6 / nominal tick ppm (100 ppm at USER_HZ = 100).
/// </summary>
public static class SystemClockFrequency
{
    /// <summary>The kernel clamps timex.freq to this (ADJ_FREQUENCY).</summary>
    public const double MaxFineFrequencyPpm = 500;

    /// <summary>Linux accepts tick within ±10 % of nominal, so ±100000 ppm overall.</summary>
    public const double MaxTickDeviation = 0.1;

    /// <summary>The tick and fine frequency that together give <paramref name="frequencyPpm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The correction is beyond what the tick can carry.</exception>
    public static (long TickUs, double FineFrequencyPpm) Split(double frequencyPpm, long nominalTickUs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nominalTickUs);
        if (!double.IsFinite(frequencyPpm))
            throw new ArgumentOutOfRangeException(nameof(frequencyPpm), frequencyPpm, "frequency must be finite");

        var ppmPerTickUs = 1e6 / nominalTickUs;

        // Within the fine range the tick stays nominal, so a clock that never needs more than
        // ±500 ppm is steered exactly as a plain ADJ_FREQUENCY user would.
        if (Math.Abs(frequencyPpm) <= MaxFineFrequencyPpm)
            return (nominalTickUs, frequencyPpm);

        var tickDelta = (long)Math.Round(frequencyPpm / ppmPerTickUs);
        var maxTickDelta = (long)Math.Floor(nominalTickUs * MaxTickDeviation);
        if (Math.Abs(tickDelta) > maxTickDelta)
            throw new ArgumentOutOfRangeException(nameof(frequencyPpm), frequencyPpm,
                $"beyond ±{maxTickDelta * ppmPerTickUs} ppm, the limit of the tick");

        return (nominalTickUs + tickDelta, frequencyPpm - (tickDelta * ppmPerTickUs));
    }

    /// <summary>The whole correction given by a tick and a fine frequency.</summary>
    public static double Combine(long tickUs, double fineFrequencyPpm, long nominalTickUs) =>
        ((tickUs - nominalTickUs) * 1e6 / nominalTickUs) + fineFrequencyPpm;
}
