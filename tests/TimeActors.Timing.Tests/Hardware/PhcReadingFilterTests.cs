using TimeActors.Timing.Hardware;

namespace TimeActors.Timing.Tests.Hardware;

public sealed class PhcReadingFilterTests
{
    private const long T = 1_700_000_000_000_000_000;

    [Fact]
    public void Readings_with_low_delay_are_averaged_and_slow_ones_ignored()
    {
        var filter = new PhcReadingFilter(100);
        // Ten quick readings whose PHC sits 10 ns after the midpoint, and two slow ones far off.
        var readings = new List<PhcClockReading>();
        for (int i = 0; i < 10; i++)
        {
            long start = T + (i * 10_000);
            readings.Add(new PhcClockReading(start, start + 500 + 10, start + 1_000));
        }

        readings.Add(new PhcClockReading(T + 200_000, T + 200_000 + 40_000, T + 250_000));
        readings.Add(new PhcClockReading(T + 300_000, T + 300_000 + 1_000, T + 330_000));

        Assert.True(filter.TryProcess(readings.ToArray(), out var sample));
        Assert.Equal(2, sample.Quality);
        Assert.Equal(10, sample.PhcNs - sample.SystemNs);
        Assert.Equal(T + 45_000 + 500, sample.SystemNs);
        Assert.Equal(500.0, sample.ErrorNs);
    }

    [Fact]
    public void When_no_reading_is_near_the_usual_delays_the_quickest_stands_alone_with_its_error()
    {
        var filter = new PhcReadingFilter(100);
        var quick = new PhcClockReading[25];
        for (int i = 0; i < quick.Length; i++)
        {
            quick[i] = new PhcClockReading(T + (i * 5_000), T + (i * 5_000) + 400, T + (i * 5_000) + 800);
        }

        Assert.True(filter.TryProcess(quick, out _));

        // A later poll on a busy bus: every reading slower than the usual quantiles.
        PhcClockReading[] slow =
        [
            new(T + 1_000_000, T + 1_000_000 + 3_000, T + 1_009_000),
            new(T + 1_100_000, T + 1_100_000 + 2_000, T + 1_106_000),
            new(T + 1_200_000, T + 1_200_000 + 4_000, T + 1_208_000),
        ];
        Assert.True(filter.TryProcess(slow, out var sample));
        Assert.Equal(1, sample.Quality);
        Assert.Equal(slow[1].PhcNs, sample.PhcNs);
        Assert.Equal(slow[1].SystemMidpointNs, sample.SystemNs);
        Assert.Equal(3_000.0, sample.ErrorNs);
    }

    [Fact]
    public void A_cross_timestamp_gets_the_precision_as_its_error()
    {
        var filter = new PhcReadingFilter(100);
        Assert.True(filter.TryProcess([new PhcClockReading(T, T + 37, T)], out var sample));
        Assert.Equal(new PhcSample(T + 37, T, 100, 2), sample);
    }

    [Fact]
    public void A_negative_delay_discards_the_poll()
    {
        var filter = new PhcReadingFilter(100);
        Assert.False(filter.TryProcess([new PhcClockReading(T, T, T + 500), new PhcClockReading(T + 1_000, T + 1_000, T + 900)], out _));
        Assert.False(filter.TryProcess([], out _));
    }
}
