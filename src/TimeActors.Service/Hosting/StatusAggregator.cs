using TimeActors.Service.Status;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Builds one <see cref="ServiceStatus"/> from the children's answers to <see cref="Messages.GetStatus"/>:
/// a <see cref="TrackingReport"/> or a <see cref="ServiceStatus"/> from the clock actor (whose source
/// entries carry the selection states), <see cref="SourceReport"/>s (one, or a list from a pool) from
/// source actors, <see cref="ServerReport"/>s from server actors (summed). Children that did not answer
/// are missing from the snapshot rather than holding it up.
/// </summary>
public static class StatusAggregator
{
    public static ServiceStatus Combine(string clockMode, IEnumerable<object?> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var tracking = TrackingReport.Unsynchronized(clockMode);
        var sources = new List<SourceReport>();
        var fromClock = new List<SourceReport>();
        var server = ServerReport.Empty;
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case TrackingReport t:
                    tracking = t;
                    break;
                case ServiceStatus clock:
                    tracking = clock.Tracking;
                    fromClock.AddRange(clock.Sources);
                    break;
                case SourceReport s:
                    sources.Add(s);
                    break;
                case IEnumerable<SourceReport> many:
                    sources.AddRange(many);
                    break;
                case ServerReport r:
                    server = Add(server, r);
                    break;
            }
        }

        // The clock actor knows selection, the source actors the freshest counters: a source's own report
        // with the clock's state; a source only the clock reported (its actor is not asked, or was silent) as the clock has it.
        var states = fromClock.GroupBy(s => (s.Name, s.Address)).ToDictionary(g => g.Key, g => g.Last().State);
        var merged = sources.Select(s => states.TryGetValue((s.Name, s.Address), out var state) ? s with { State = state } : s).ToList();
        var reported = sources.Select(s => (s.Name, s.Address)).ToHashSet();
        merged.AddRange(fromClock.Where(s => !reported.Contains((s.Name, s.Address))));
        return new ServiceStatus(tracking, merged, server);
    }

    private static ServerReport Add(ServerReport a, ServerReport b) => new(
        a.Received + b.Received,
        a.Answered + b.Answered,
        a.Interleaved + b.Interleaved,
        a.RateLimited + b.RateLimited,
        a.Denied + b.Denied,
        a.DroppedMalformed + b.DroppedMalformed,
        Add(a.RxStamps, b.RxStamps),
        Add(a.TxStamps, b.TxStamps));

    private static TimestampCounts Add(TimestampCounts a, TimestampCounts b) => new(a.Hardware + b.Hardware, a.Kernel + b.Kernel, a.Daemon + b.Daemon);
}
