using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Server;

/// <summary>
/// The tracking values a listen address serves (stratum, refid, root delay/dispersion, leap,
/// reference time), shared by its socket loops without a lock: the server actor publishes a new
/// immutable snapshot (one small allocation per <see cref="Messages.TrackingUpdated"/>, about once a
/// poll interval), each loop reads the current one once per receive batch. A reference swap is
/// atomic, so a loop never sees half of an update (a 40-byte struct copied in place could tear).
/// </summary>
public sealed class ServerTrackingCell
{
    private Snapshot _current;

    public ServerTrackingCell(sbyte precisionLog2)
    {
        _current = new Snapshot(new ServerTrackingState(LeapIndicator.Unsynchronized, 16, precisionLog2, TimeInterval.Zero, TimeInterval.Zero, 0, default));
    }

    /// <summary>The latest published state (unsynchronised until the first publish).</summary>
    public ServerTrackingState Current => Volatile.Read(ref _current).State;

    public void Publish(in ServerTrackingState state) => Volatile.Write(ref _current, new Snapshot(state));

    private sealed class Snapshot(ServerTrackingState state)
    {
        public readonly ServerTrackingState State = state;
    }
}
