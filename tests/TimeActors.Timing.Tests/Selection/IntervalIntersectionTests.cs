using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Selection;

public class IntervalIntersectionTests
{
    private static IntervalIntersection.Result Find(params (long Low, long High)[] intervals) =>
        IntervalIntersection.Find(
            intervals.Select(i => new TimeInterval(i.Low)).ToArray(),
            intervals.Select(i => new TimeInterval(i.High)).ToArray());

    [Fact]
    public void Finds_the_range_covered_by_most_intervals()
    {
        var r = Find((0, 10), (5, 15), (8, 20), (30, 40));

        Assert.Equal(3, r.Depth);
        Assert.Equal(new TimeInterval(8), r.Low);
        Assert.Equal(new TimeInterval(10), r.High);
    }

    [Fact]
    public void Touching_closed_intervals_agree()
    {
        var r = Find((0, 10), (10, 20));

        Assert.Equal(2, r.Depth);
        Assert.Equal(new TimeInterval(10), r.Low);
        Assert.Equal(new TimeInterval(10), r.High);
    }

    [Fact]
    public void Equal_coverage_in_disjoint_ranges_spans_them_all()
    {
        var r = Find((0, 10), (5, 12), (20, 30), (25, 35));

        Assert.Equal(2, r.Depth);
        Assert.Equal(new TimeInterval(5), r.Low);
        Assert.Equal(new TimeInterval(30), r.High);
    }

    [Fact]
    public void No_intervals_give_depth_zero() => Assert.Equal(0, Find().Depth);
}
