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
    public void Twenty_points_reject_seven_runs_and_accept_eight()
    {
        // Published one-sided 5 % lower critical value for n1 = n2 = 10 is 7 runs.
        Assert.Equal(7, RunsTest.CriticalRuns(20));
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
