using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// Two decisions between the sources' updates and <see cref="ClockController.Update"/>, as a pure
/// step the clock actor carries out:
/// <list type="bullet">
/// <item>Which updates may be used at all: within <see cref="StaleWindow"/> of our own step, an
/// update computed on the timescale we left is ignored (the source re-sends on the new one).</item>
/// <item>When the clock is updated: only when the selected source has samples the clock has not yet
/// been updated with (chrony's rule). An estimate is never blended in twice, and the update interval,
/// which sets how fast offsets are slewed, is the selected source's sample interval.</item>
/// </list>
/// Time comes in with every call: the clock reading (<c>now</c>) and a monotonic reading (for the
/// window, which must not move when the clock is stepped).
/// </summary>
public sealed class ClockUpdateGate
{
    /// <summary>
    /// Updates in flight across a step arrive within milliseconds; after this the check could only
    /// drop good updates (e.g. after someone else stepped the clock back).
    /// </summary>
    public static readonly TimeInterval StaleWindow = TimeInterval.FromSeconds(10);

    /// <summary>
    /// Sources read the same clock before sending, so an update that claims a later time than our
    /// reading (by more than this) was computed on a timescale we have since left (in flight across
    /// a negative step).
    /// </summary>
    public static readonly TimeInterval FutureTolerance = TimeInterval.FromMilliseconds(1);

    private readonly Dictionary<int, int> _newSamples = [];
    private SystemTime? _timescaleSince;
    private TimeInterval _steppedAtMonotonic;

    /// <summary>Samples of <paramref name="sourceId"/> the clock has not been updated with.</summary>
    public int NewSamples(int sourceId) => _newSamples.GetValueOrDefault(sourceId);

    /// <summary>
    /// An update from <paramref name="sourceId"/> arrived, computed at <paramref name="dataTime"/>
    /// (<see cref="SelectionDataTimeline.TimeOf"/>), carrying a new sample or not. The sample is
    /// counted either way (the source's statistics hold it; a re-sent update will not carry it again).
    /// </summary>
    /// <returns>False when the update belongs to the timescale before our last step and must not be used.</returns>
    public bool Admit(int sourceId, in SelectionData data, bool newSample, SystemTime now, TimeInterval monotonicNow)
    {
        if (newSample)
            _newSamples[sourceId] = NewSamples(sourceId) + 1;

        if (!data.Usable || _timescaleSince is not { } since || monotonicNow - _steppedAtMonotonic >= StaleWindow)
            return true;

        var dataTime = SelectionDataTimeline.TimeOf(data);
        return dataTime >= since && dataTime <= now + FutureTolerance;
    }

    /// <summary>We stepped the clock by <paramref name="step"/> at reading <paramref name="at"/> (old timescale).</summary>
    public void OnStep(TimeInterval step, SystemTime at, TimeInterval monotonicNow)
    {
        _timescaleSince = at + step;
        _steppedAtMonotonic = monotonicNow;
    }

    /// <summary>
    /// After a selection round that chose <paramref name="selectedId"/>: true when the clock should be
    /// updated, i.e. the selected source brought samples the clock has not seen. Every source's count
    /// then restarts (the combined estimate included all of them).
    /// </summary>
    public bool TakeClockUpdate(int? selectedId)
    {
        if (selectedId is not { } id || NewSamples(id) == 0)
            return false;

        _newSamples.Clear();
        return true;
    }

    /// <summary>The source is gone.</summary>
    public void Remove(int sourceId) => _newSamples.Remove(sourceId);
}
