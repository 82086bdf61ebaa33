using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Statistics;

/// <summary>
/// Scripted measurements of one source: the local clock's offset from the source drifts linearly
/// (local gains <see cref="FrequencyPpm"/>), with seeded Gaussian noise. Every sample's time is given
/// explicitly; nothing reads a clock.
/// </summary>
internal sealed class SampleTimeline
{
    public static readonly SystemTime Epoch = new(1_800_000_000L * 1_000_000_000L);

    private readonly Random _random;

    public SampleTimeline(int seed = 1) => _random = new Random(seed);

    public double OffsetAtEpochSeconds { get; set; } = 0.005;

    public double FrequencyPpm { get; set; }

    public double NoiseSeconds { get; set; }

    /// <summary>
    /// Noise of exactly ±<see cref="NoiseSeconds"/> with alternating sign: residuals then have the
    /// most runs possible, so the runs test never trims and counts are exact.
    /// </summary>
    public bool AlternatingNoise { get; set; }

    private int _sampleIndex;

    public TimeInterval Delay { get; set; } = TimeInterval.FromMicroseconds(500);

    public TimeInterval Dispersion { get; set; } = TimeInterval.FromMicroseconds(10);

    /// <summary>True offset (source minus local) at local time <paramref name="time"/>.</summary>
    public double TrueOffsetSeconds(SystemTime time) =>
        OffsetAtEpochSeconds - FrequencyPpm * 1e-6 * (time - Epoch).TotalSeconds;

    public SourceSample At(double secondsSinceEpoch, double extraOffsetSeconds = 0, TimeInterval? delay = null)
    {
        var time = Epoch + TimeInterval.FromSeconds(secondsSinceEpoch);
        var noise = AlternatingNoise ? (_sampleIndex++ % 2 == 0 ? 1 : -1) : Gaussian();
        var offset = TrueOffsetSeconds(time) + extraOffsetSeconds + NoiseSeconds * noise;
        var d = delay ?? Delay;
        return Sample(time, TimeInterval.FromSeconds(offset), d, Dispersion);
    }

    public static SourceSample Sample(SystemTime time, TimeInterval offset, TimeInterval delay, TimeInterval dispersion) =>
        new(time, offset, delay, dispersion, delay + TimeInterval.FromMicroseconds(100), dispersion + TimeInterval.FromMicroseconds(50),
            2, LeapIndicator.NoWarning, TimestampSource.Kernel, TimestampSource.Kernel, false);

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
