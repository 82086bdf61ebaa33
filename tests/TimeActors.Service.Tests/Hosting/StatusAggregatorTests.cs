using TimeActors.Service.Hosting;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;

namespace TimeActors.Service.Tests.Hosting;

public sealed class StatusAggregatorTests
{
    private static SourceReport Source(string name, string? address, SourceSelectionState state) =>
        new(name, address, state, 1, 6, null, null, 0, false, default, default, default);

    [Fact]
    public void Clock_states_apply_only_to_the_source_with_the_same_name_and_address()
    {
        var clock = new ServiceStatus(TrackingReport.Unsynchronized("observe"), [Source("pool", "10.0.0.1:123", SourceSelectionState.Selected)], ServerReport.Empty);
        var status = StatusAggregator.Combine("observe", [Source("pool", "10.0.0.2:123", SourceSelectionState.Unusable), clock, Source("pool", "10.0.0.1:123", SourceSelectionState.Unusable)]);
        Assert.Equal([SourceSelectionState.Unusable, SourceSelectionState.Selected], status.Sources.Select(s => s.State));
    }

    [Fact]
    public void Nothing_answered_is_unsynchronised_in_the_given_mode_and_unknown_replies_are_ignored()
    {
        var status = StatusAggregator.Combine("control", [null, "noise", 42]);
        Assert.Equal(TrackingReport.Unsynchronized("control"), status.Tracking);
        Assert.Empty(status.Sources);
        Assert.Equal(ServerReport.Empty, status.Server);
    }

    [Fact]
    public void Sources_only_the_clock_reported_are_included_as_the_clock_has_them()
    {
        var clock = new ServiceStatus(TrackingReport.Unsynchronized("observe"), [Source("a", "10.0.0.1:123", SourceSelectionState.Selected), Source("b", "10.0.0.2:123", SourceSelectionState.Falseticker)], ServerReport.Empty);
        var status = StatusAggregator.Combine("observe", [clock, Source("a", "10.0.0.1:123", SourceSelectionState.Unusable)]);
        Assert.Equal([("a", SourceSelectionState.Selected), ("b", SourceSelectionState.Falseticker)], status.Sources.Select(s => (s.Name, s.State)));
    }
}
