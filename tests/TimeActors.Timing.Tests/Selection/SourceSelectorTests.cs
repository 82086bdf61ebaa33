using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Selection.Candidates;

namespace TimeActors.Timing.Tests.Selection;

public class SourceSelectorTests
{
    [Fact]
    public void One_server_is_enough_by_default_but_carries_the_few_sources_warning()
    {
        var result = SourceSelector.Select([Make(1, offsetMs: 2, distanceMs: 1)], Now, null);

        Assert.Equal(SelectionOutcome.Synchronized, result.Outcome);
        Assert.Equal(1, result.SelectedSourceId);
        Assert.Equal(SourceSelectionState.Selected, result.StateOf(1));
        Assert.True(result.TooFewSourcesConfigured);
        Assert.Equal(2.0, result.Combined!.Value.Offset.TotalSeconds * 1e3, 1e-6);
        Assert.Equal(1, result.Combined.Value.CombinedSources);
    }

    [Fact]
    public void Three_sources_clear_the_warning()
    {
        var result = SourceSelector.Select([Make(1, 0, 1), Make(2, 0.1, 1), Make(3, -0.1, 1)], Now, null);

        Assert.False(result.TooFewSourcesConfigured);
        Assert.Equal(3, result.AgreeingSources);
    }

    [Fact]
    public void A_source_outside_the_majority_interval_is_a_falseticker()
    {
        var result = SourceSelector.Select(
            [Make(1, 0.2, 1), Make(2, -0.3, 1.5), Make(3, 0.1, 0.8), Make(4, 50, 1)], Now, null);

        Assert.Equal(SelectionOutcome.Synchronized, result.Outcome);
        Assert.Equal(SourceSelectionState.Falseticker, result.StateOf(4));
        Assert.Equal(3, result.SelectedSourceId);
        Assert.Equal(SourceSelectionState.Combined, result.StateOf(1));
        Assert.Equal(SourceSelectionState.Combined, result.StateOf(2));
        Assert.InRange(result.Combined!.Value.Offset.TotalSeconds * 1e3, -0.3, 0.2);
    }

    [Fact]
    public void An_ambiguous_tie_keeps_sources_inside_the_spanned_range_as_truechimers()
    {
        // Wide source 1 overlaps both 2 and 3, which disagree with each other: with three sources
        // the falseticker cannot be identified, so all three stay candidates.
        var result = SourceSelector.Select([Make(1, 15, 15), Make(2, 8.5, 3.5), Make(3, 24, 4)], Now, null);

        Assert.Equal(SelectionOutcome.Synchronized, result.Outcome);
        Assert.Equal(2, result.AgreeingSources);
        Assert.All(result.Sources, s => Assert.NotEqual(SourceSelectionState.Falseticker, s.State));
    }

    [Fact]
    public void Two_disagreeing_sources_have_no_majority_and_both_are_falsetickers()
    {
        var result = SourceSelector.Select([Make(1, 0, 1), Make(2, 10, 1)], Now, null);

        Assert.Equal(SelectionOutcome.NoMajority, result.Outcome);
        Assert.Null(result.SelectedSourceId);
        Assert.Null(result.Combined);
        Assert.All(result.Sources, s => Assert.Equal(SourceSelectionState.Falseticker, s.State));
    }

    [Fact]
    public void Min_sources_holds_selection_until_enough_agree()
    {
        var settings = new SelectionSettings { MinSources = 3 };

        var two = SourceSelector.Select([Make(1, 0, 1), Make(2, 0.5, 1)], Now, null, settings);
        var three = SourceSelector.Select([Make(1, 0, 1), Make(2, 0.5, 1), Make(3, 0.2, 1)], Now, null, settings);

        Assert.Equal(SelectionOutcome.NotEnoughSources, two.Outcome);
        Assert.All(two.Sources, s => Assert.Equal(SourceSelectionState.WaitingForSources, s.State));
        Assert.Equal(SelectionOutcome.Synchronized, three.Outcome);
    }

    [Fact]
    public void Screening_marks_each_reason_and_screened_sources_do_not_vote()
    {
        var result = SourceSelector.Select(
        [
            Make(1, 0, 1),
            Make(2, 9, 1, noSelect: true),
            Make(3, 9, 1, reachable: false),
            Make(4, 9, 1, usable: false),
            Make(5, 9, 1, leap: LeapIndicator.Unsynchronized),
            Make(6, 9, 3001),
            Make(7, 9, 1, jitterMs: 1001),
        ], Now, 1); // already synchronised: the first selection would wait for source 4's statistics

        Assert.Equal(SelectionOutcome.Synchronized, result.Outcome);
        Assert.Equal(SourceSelectionState.Selected, result.StateOf(1));
        Assert.Equal(SourceSelectionState.NoSelect, result.StateOf(2));
        Assert.Equal(SourceSelectionState.Unreachable, result.StateOf(3));
        Assert.Equal(SourceSelectionState.Unusable, result.StateOf(4));
        Assert.Equal(SourceSelectionState.Unsynchronized, result.StateOf(5));
        Assert.Equal(SourceSelectionState.TooDistant, result.StateOf(6));
        Assert.Equal(SourceSelectionState.TooVariable, result.StateOf(7));
    }

    [Fact]
    public void The_first_selection_waits_for_answering_sources_that_have_no_statistics_yet()
    {
        // Five servers started together, two of them a second wrong; a wrong one got its third sample
        // first. Alone it would be selected and the clock slewed a second off.
        SelectionCandidate[] early =
        [
            Make(4, 1000, 1),
            Make(1, 0, 1, usable: false),
            Make(2, 0, 1, usable: false),
            Make(3, 0, 1, usable: false),
            Make(5, 1000, 1, usable: false),
        ];
        var waiting = SourceSelector.Select(early, Now, null);
        Assert.Equal(SelectionOutcome.WaitingForStatistics, waiting.Outcome);
        Assert.Null(waiting.SelectedSourceId);
        Assert.Null(waiting.Combined);
        Assert.Equal(SourceSelectionState.WaitingForSources, waiting.StateOf(4));
        Assert.Equal(SourceSelectionState.Unusable, waiting.StateOf(1));

        // A round trip later all have statistics: the majority wins.
        var ready = SourceSelector.Select([Make(4, 1000, 1), Make(1, 0, 1), Make(2, 0, 1), Make(3, 0, 1), Make(5, 1000, 1)], Now, null);
        Assert.Equal(SelectionOutcome.Synchronized, ready.Outcome);
        Assert.Equal(SourceSelectionState.Falseticker, ready.StateOf(4));
        Assert.Contains(ready.SelectedSourceId, new int?[] { 1, 2, 3 });
    }

    [Fact]
    public void Sources_whose_samples_stopped_are_not_waited_for_and_a_running_selection_never_waits()
    {
        // The only other source's last sample is older than 1.5 of the ready source's sample interval
        // (72 s here): its samples are being rejected or it went away.
        var stalled = SourceSelector.Select([Make(1, 0, 1), Make(2, 0, 1, usable: false, lastSampleAgoSeconds: 200)], Now, null);
        Assert.Equal(SelectionOutcome.Synchronized, stalled.Outcome);

        // Once synchronised, a source restarting its statistics does not stop selection.
        var running = SourceSelector.Select([Make(1, 0, 1), Make(2, 0, 1, usable: false)], Now, 1);
        Assert.Equal(SelectionOutcome.Synchronized, running.Outcome);
        Assert.Equal(1, running.SelectedSourceId);
    }

    [Fact]
    public void Nothing_selectable_and_nothing_configured_are_distinct_outcomes()
    {
        Assert.Equal(SelectionOutcome.NoSources, SourceSelector.Select([], Now, null).Outcome);
        Assert.Equal(SelectionOutcome.NoSelectableSources, SourceSelector.Select([Make(1, 0, 1, reachable: false)], Now, null).Outcome);
    }

    [Fact]
    public void Lower_stratum_wins_unless_the_other_is_closer_by_more_than_the_stratum_weight()
    {
        var result = SourceSelector.Select([Make(1, 0, 1.5, stratum: 1), Make(2, 0, 0.8, stratum: 2)], Now, null);
        var closer = SourceSelector.Select([Make(1, 0, 2.5, stratum: 1), Make(2, 0, 0.8, stratum: 2)], Now, null);

        Assert.Equal(1, result.SelectedSourceId);
        Assert.Equal(2, closer.SelectedSourceId);
    }

    [Fact]
    public void The_previous_system_peer_stays_unless_another_is_better_by_the_reselect_distance()
    {
        SelectionCandidate[] marginal = [Make(1, 0, 0.50), Make(2, 0, 0.55)];
        SelectionCandidate[] clear = [Make(1, 0, 0.30), Make(2, 0, 0.55)];

        Assert.Equal(1, SourceSelector.Select(marginal, Now, null).SelectedSourceId);
        Assert.Equal(2, SourceSelector.Select(marginal, Now, previousSelectedId: 2).SelectedSourceId);
        Assert.Equal(1, SourceSelector.Select(clear, Now, previousSelectedId: 2).SelectedSourceId);
    }

    [Fact]
    public void Offsets_are_combined_weighted_by_inverse_root_distance()
    {
        var result = SourceSelector.Select([Make(1, 1, 1), Make(2, 2, 2)], Now, null);

        // (1/1 * 1 ms + 1/2 * 2 ms) / (1/1 + 1/2)
        Assert.Equal(4.0 / 3.0, result.Combined!.Value.Offset.TotalSeconds * 1e3, 1e-6);
        Assert.Equal(2, result.Combined.Value.CombinedSources);
        Assert.Equal(SourceSelectionState.Combined, result.StateOf(2));
    }

    [Fact]
    public void Distant_or_frequency_disagreeing_truechimers_are_not_combined()
    {
        var result = SourceSelector.Select(
        [
            Make(1, 0, 1),
            Make(2, 0, 3.5),
            Make(3, 0, 1.2, frequencyPpm: 5, skewPpm: 0.1),
            Make(4, 0, 1.1, frequencyPpm: 0.5, skewPpm: 0.1),
        ], Now, null);

        Assert.Equal(SourceSelectionState.Selected, result.StateOf(1));
        Assert.Equal(SourceSelectionState.NotCombined, result.StateOf(2));
        Assert.Equal(SourceSelectionState.NotCombined, result.StateOf(3));
        Assert.Equal(SourceSelectionState.Combined, result.StateOf(4));
        Assert.Equal(2, result.Combined!.Value.CombinedSources);
    }

    [Fact]
    public void Frequencies_are_combined_by_inverse_variance()
    {
        // Source 2's frequency SD is 3x larger, so it gets 1/9 of source 1's weight.
        var result = SourceSelector.Select([Make(1, 0, 1, frequencyPpm: 0, skewPpm: 0.1), Make(2, 0, 1, frequencyPpm: 0.2, skewPpm: 0.3)], Now, null);

        Assert.Equal(0.2 * (1.0 / 9) / (1 + 1.0 / 9), result.Combined!.Value.FrequencyPpm, 1e-9);
    }

    [Theory]
    [InlineData(2, LeapIndicator.InsertSecond)]
    [InlineData(1, LeapIndicator.NoWarning)]
    public void A_leap_second_needs_more_than_half_of_the_truechimers(int announcing, LeapIndicator expected)
    {
        var sources = Enumerable.Range(1, 3)
            .Select(i => Make(i, 0, 1, leap: i <= announcing ? LeapIndicator.InsertSecond : LeapIndicator.NoWarning))
            .ToArray();

        Assert.Equal(expected, SourceSelector.Select(sources, Now, null).Combined!.Value.Leap);
    }
}
