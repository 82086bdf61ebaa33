using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Selection;

/// <summary>
/// Source selection and combining (chrony's sources.c as the anchor): filter candidates, find the
/// offset range most correctness intervals share, mark sources outside it as falsetickers, pick the
/// system peer by root distance with hysteresis, and combine the agreeing sources weighted by
/// distance. Pure and deterministic: the result depends only on the arguments, not on their order
/// (ties are broken by source id).
/// </summary>
public static class SourceSelector
{
    /// <param name="candidates">Every configured source, with its statistics at <paramref name="now"/>.</param>
    /// <param name="now">Selection time; the combined estimate refers to it.</param>
    /// <param name="previousSelectedId">The system peer of the previous round, for hysteresis.</param>
    public static SelectionResult Select(
        IReadOnlyList<SelectionCandidate> candidates,
        SystemTime now,
        int? previousSelectedId,
        SelectionSettings? settings = null)
    {
        settings ??= SelectionSettings.Default;
        var tooFew = candidates.Count < settings.RecommendedSources;
        var states = new SourceSelectionState[candidates.Count];

        if (candidates.Count == 0)
            return Finish(SelectionOutcome.NoSources, null, null, candidates, states, default, tooFew);

        var ok = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var state = Screen(candidates[i], settings);
            states[i] = state ?? SourceSelectionState.Combined;
            if (state is null)
                ok.Add(i);
        }

        if (ok.Count == 0)
            return Finish(SelectionOutcome.NoSelectableSources, null, null, candidates, states, default, tooFew);

        if (previousSelectedId is null && AnswerersStillWithoutStatistics(candidates, ok))
        {
            foreach (var i in ok)
                states[i] = SourceSelectionState.WaitingForSources;
            return Finish(SelectionOutcome.WaitingForStatistics, null, null, candidates, states, default, tooFew);
        }

        var lows = new TimeInterval[ok.Count];
        var highs = new TimeInterval[ok.Count];
        for (var k = 0; k < ok.Count; k++)
        {
            lows[k] = candidates[ok[k]].Data.Low;
            highs[k] = candidates[ok[k]].Data.High;
        }

        var best = IntervalIntersection.Find(lows, highs);

        // Without a strict majority no group can be told apart from the falsetickers.
        if (best.Depth <= ok.Count / 2)
        {
            foreach (var i in ok)
                states[i] = SourceSelectionState.Falseticker;
            return Finish(SelectionOutcome.NoMajority, null, null, candidates, states, best, tooFew);
        }

        var truechimers = new List<int>();
        foreach (var i in ok)
        {
            var d = candidates[i].Data;
            var contains = d.Low <= best.Low && d.High >= best.High;
            var inside = d.Low >= best.Low && d.High <= best.High;
            if (contains || inside)
                truechimers.Add(i);
            else
                states[i] = SourceSelectionState.Falseticker;
        }

        if (truechimers.Count < settings.MinSources)
        {
            foreach (var i in truechimers)
                states[i] = SourceSelectionState.WaitingForSources;
            return Finish(SelectionOutcome.NotEnoughSources, null, null, candidates, states, best, tooFew);
        }

        var selected = PickSystemPeer(candidates, truechimers, previousSelectedId, settings);
        var combined = SourceCombiner.Combine(candidates, truechimers, selected, now, settings, states);
        return Finish(SelectionOutcome.Synchronized, candidates[selected].SourceId, combined, candidates, states, best, tooFew);
    }

    // Null when the candidate may take part in the intersection; otherwise why not.
    private static SourceSelectionState? Screen(in SelectionCandidate c, SelectionSettings settings)
    {
        if (c.NoSelect)
            return SourceSelectionState.NoSelect;
        if (!c.Reachable)
            return SourceSelectionState.Unreachable;
        if (!c.Data.Usable)
            return SourceSelectionState.Unusable;
        if (c.Data.Leap == LeapIndicator.Unsynchronized)
            return SourceSelectionState.Unsynchronized;
        if (c.Data.RootDistance > settings.MaxDistance || c.Data.Low > c.Data.High)
            return SourceSelectionState.TooDistant;
        if (c.Data.StdDev > settings.MaxJitter)
            return SourceSelectionState.TooVariable;
        return null;
    }

    /// <summary>
    /// The first selection after start (or after losing every source) waits while a source that is
    /// answering on the same schedule as the ready ones has not yet got the three samples a regression
    /// needs. Sources started together get their third sample within a round trip of each other; the
    /// one that happens to be first must not be selected alone (with two of five servers wrong, a
    /// wrong one first would pull the clock a second off before the majority could speak). chrony
    /// waits the same way, comparing reachability registers. A source whose samples stopped (none
    /// for 1.5 of the ready sources' sample intervals: rejected by the filter, or gone) is not waited for.
    /// </summary>
    private static bool AnswerersStillWithoutStatistics(IReadOnlyList<SelectionCandidate> candidates, List<int> ok)
    {
        double intervalSeconds = 0;
        foreach (var i in ok)
        {
            var d = candidates[i].Data;
            if (d.Estimate.Samples >= 2)
                intervalSeconds = Math.Max(intervalSeconds, (d.FirstSampleAgo - d.LastSampleAgo).TotalSeconds / (d.Estimate.Samples - 1));
        }

        if (intervalSeconds <= 0)
            return false;

        foreach (var c in candidates)
        {
            if (c.Reachable && !c.NoSelect && !c.Data.Usable && c.Data.Estimate.Samples >= 1 &&
                c.Data.LastSampleAgo.TotalSeconds <= 1.5 * intervalSeconds)
                return true;
        }

        return false;
    }

    private static int PickSystemPeer(
        IReadOnlyList<SelectionCandidate> candidates,
        List<int> truechimers,
        int? previousSelectedId,
        SelectionSettings settings)
    {
        var minStratum = int.MaxValue;
        foreach (var i in truechimers)
            minStratum = Math.Min(minStratum, candidates[i].Data.Stratum);

        long Score(int i) => candidates[i].Data.RootDistance.Nanoseconds
            + (candidates[i].Data.Stratum - minStratum) * settings.StratumWeight.Nanoseconds;

        var best = -1;
        foreach (var i in truechimers)
        {
            if (best < 0 || Score(i) < Score(best) || (Score(i) == Score(best) && candidates[i].SourceId < candidates[best].SourceId))
                best = i;
        }

        // Switching system peer for a marginal gain makes the clock hop between sources.
        foreach (var i in truechimers)
        {
            if (candidates[i].SourceId == previousSelectedId && Score(i) <= Score(best) + settings.ReselectDistance.Nanoseconds)
                return i;
        }

        return best;
    }

    private static SelectionResult Finish(
        SelectionOutcome outcome,
        int? selectedId,
        CombinedEstimate? combined,
        IReadOnlyList<SelectionCandidate> candidates,
        SourceSelectionState[] states,
        IntervalIntersection.Result best,
        bool tooFew)
    {
        var statuses = new SourceSelectionStatus[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
            statuses[i] = new SourceSelectionStatus(candidates[i].SourceId, states[i]);
        return new SelectionResult(outcome, selectedId, combined, statuses, best.Depth, best.Low, best.High, tooFew);
    }
}
