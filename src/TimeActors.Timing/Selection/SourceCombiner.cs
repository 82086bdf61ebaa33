using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Selection;

/// <summary>
/// Combines the selected source with the truechimers close enough to it: offsets weighted by the
/// inverse of root distance (a closer source's interval is tighter), frequencies by inverse
/// variance. A truechimer is left out when its distance exceeds CombineLimit times the selected
/// one's, or its frequency disagrees beyond CombineLimit times the two skews plus the clock error.
/// </summary>
public static class SourceCombiner
{
    internal static CombinedEstimate Combine(
        IReadOnlyList<SelectionCandidate> candidates,
        List<int> truechimers,
        int selected,
        SystemTime now,
        SelectionSettings settings,
        SourceSelectionState[] states)
    {
        var sel = candidates[selected].Data;
        var selFrequency = sel.Estimate.FrequencyPpm;
        var selSkew = sel.Estimate.SkewPpm;
        var selOffset = sel.Estimate.OffsetAt(now).TotalSeconds;
        var distanceLimit = settings.CombineLimit * (sel.RootDistance + settings.ReselectDistance).TotalSeconds;

        double sumOffsetWeight = 0, sumOffset = 0, sumOffsetVar = 0;
        double sumFrequencyWeight = 0, sumFrequency = 0, sumInvSkew2 = 0;
        var combined = 0;

        foreach (var i in truechimers)
        {
            var d = candidates[i].Data;
            var e = d.Estimate;
            if (i != selected &&
                (d.RootDistance.TotalSeconds > distanceLimit ||
                 Math.Abs(e.FrequencyPpm - selFrequency) > settings.CombineLimit * (selSkew + e.SkewPpm + settings.MaxClockErrorPpm)))
            {
                states[i] = SourceSelectionState.NotCombined;
                continue;
            }

            states[i] = i == selected ? SourceSelectionState.Selected : SourceSelectionState.Combined;

            var elapsed = Math.Abs((now - e.ReferenceTime).TotalSeconds);
            var offset = e.OffsetAt(now).TotalSeconds;
            var offsetSd = e.OffsetSd.TotalSeconds + elapsed * e.FrequencySdPpm * 1e-6;
            var offsetWeight = 1 / Math.Max(d.RootDistance.TotalSeconds, 1e-12);
            var frequencySd = Math.Max(e.FrequencySdPpm, 1e-9);

            sumOffsetWeight += offsetWeight;
            sumOffset += offsetWeight * offset;
            sumOffsetVar += offsetWeight * (offsetSd * offsetSd + (offset - selOffset) * (offset - selOffset));
            sumFrequencyWeight += 1 / (frequencySd * frequencySd);
            sumFrequency += e.FrequencyPpm / (frequencySd * frequencySd);
            sumInvSkew2 += 1 / Math.Max(e.SkewPpm * e.SkewPpm, 1e-18);
            combined++;
        }

        return new CombinedEstimate(
            now,
            TimeInterval.FromSeconds(sumOffset / sumOffsetWeight),
            TimeInterval.FromSeconds(Math.Sqrt(sumOffsetVar / sumOffsetWeight)),
            sumFrequency / sumFrequencyWeight,
            1 / Math.Sqrt(sumFrequencyWeight),
            1 / Math.Sqrt(sumInvSkew2),
            sel.Estimate.RootDelay,
            sel.Estimate.RootDispersion,
            sel.Stratum,
            VoteLeap(candidates, truechimers),
            combined);
    }

    // A leap second is announced only when more than half of the truechimers announce the same one.
    private static LeapIndicator VoteLeap(IReadOnlyList<SelectionCandidate> candidates, List<int> truechimers)
    {
        int insert = 0, delete = 0;
        foreach (var i in truechimers)
        {
            if (candidates[i].Data.Leap == LeapIndicator.InsertSecond)
                insert++;
            else if (candidates[i].Data.Leap == LeapIndicator.DeleteSecond)
                delete++;
        }

        if (2 * insert > truechimers.Count)
            return LeapIndicator.InsertSecond;
        return 2 * delete > truechimers.Count ? LeapIndicator.DeleteSecond : LeapIndicator.NoWarning;
    }
}
