using TimeActors.EndToEnd.Tests.Statistics;

namespace TimeActors.EndToEnd.Tests.SelfTests;

public sealed class OffsetStatisticsTests
{
    [Fact]
    public void Mean_sample_deviation_rms_and_extremes()
    {
        var stats = OffsetStatistics.Of([1e-6, 2e-6, 3e-6, 4e-6]);

        Assert.Equal(4, stats.Count);
        Assert.Equal(2.5e-6, stats.MeanS, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3.0) * 1e-6, stats.StandardDeviationS, 15); // n - 1
        Assert.Equal(Math.Sqrt(7.5) * 1e-6, stats.RmsS, 15);
        Assert.Equal(1e-6, stats.MinS);
        Assert.Equal(4e-6, stats.MaxS);
    }

    [Fact]
    public void A_large_common_offset_does_not_swamp_the_deviation()
    {
        var stats = OffsetStatistics.Of([1000.000001, 1000.000002, 1000.000003]);

        Assert.Equal(1e-6, stats.StandardDeviationS, 9);
    }

    [Fact]
    public void One_value_has_no_spread_and_none_is_an_error()
    {
        Assert.Equal(0, OffsetStatistics.Of([-3e-6]).StandardDeviationS);
        Assert.Throws<ArgumentException>(() => OffsetStatistics.Of([]));
    }
}
