using TimeActors.Timing.Hardware;

namespace TimeActors.Timing.Tests.Hardware;

/// <summary>
/// A PHC with a known offset and rate error against true time, and a system clock that may be stepped,
/// read the way PTP_SYS_OFFSET_EXTENDED does: system before, PHC somewhere inside, system after, with
/// seeded random delays (mostly short, sometimes long, as on a busy bus).
/// </summary>
internal sealed class SimulatedPhc(long phcOffsetNs, double frequencyError, int seed)
{
    public const long BaseNs = 1_700_000_000_000_000_000;

    private readonly Random _random = new(seed);

    public long PhcOffsetNs { get; set; } = phcOffsetNs;

    public double FrequencyError { get; } = frequencyError;

    /// <summary>How far the system clock was stepped from true time.</summary>
    public long SystemStepNs { get; set; }

    public long SystemAt(long trueNs) => BaseNs + trueNs + SystemStepNs;

    public long PhcAt(long trueNs) => BaseNs + PhcOffsetNs + trueNs + (long)Math.Round(trueNs * FrequencyError);

    /// <summary>The system time at which the PHC read <paramref name="phcNs"/> (the exact answer a conversion should give).</summary>
    public long SystemForPhc(long phcNs) => SystemAt((long)Math.Round((phcNs - BaseNs - PhcOffsetNs) / (1 + FrequencyError)));

    /// <summary>One poll's readings starting at true time <paramref name="trueNs"/>.</summary>
    public PhcClockReading[] Poll(long trueNs, int count = 25)
    {
        var readings = new PhcClockReading[count];
        long t = trueNs;
        for (int i = 0; i < count; i++)
        {
            long delay = _random.NextDouble() < 0.8 ? 600 + _random.Next(200) : 2_000 + _random.Next(30_000);
            long inside = (long)(_random.NextDouble() * delay);
            readings[i] = new PhcClockReading(SystemAt(t), PhcAt(t + inside), SystemAt(t + delay));
            t += delay + 300;
        }

        return readings;
    }
}
