using TimeActors.Timing.Statistics;

namespace TimeActors.Timing.Tests.Statistics;

public class RunsTestTests
{
    [Fact]
    public void Counts_runs_of_equal_sign_and_zero_breaks_a_run()
    {
        Assert.Equal(0, RunsTest.CountRuns([]));
        Assert.Equal(1, RunsTest.CountRuns([1, 2, 3]));
        Assert.Equal(3, RunsTest.CountRuns([1, 2, -1, -5, 4]));
        Assert.Equal(3, RunsTest.CountRuns([1, 0, 1]));
    }

    [Fact]
    public void Small_sets_are_never_rejected()
    {
        for (var n = 0; n < 8; n++)
            Assert.Equal(0, RunsTest.CriticalRuns(n));
    }

    [Fact]
    public void Twenty_points_reject_eight_runs_and_accept_nine()
    {
        // n1 = n2 = 10: mean 11 runs, SD 2.18; one SD below the mean (one-sided 16 %) is 8.8, so 8
        // runs are too few. (chrony's 5 % test rejects 7 or fewer.)
        Assert.Equal(8, RunsTest.CriticalRuns(20));
    }

    [Fact]
    public void Critical_value_grows_with_the_number_of_points_but_stays_below_the_mean()
    {
        for (var n = 9; n <= 256; n++)
        {
            Assert.True(RunsTest.CriticalRuns(n) >= RunsTest.CriticalRuns(n - 1));
            Assert.True(RunsTest.CriticalRuns(n) < n / 2.0 + 1);
        }
    }
}
