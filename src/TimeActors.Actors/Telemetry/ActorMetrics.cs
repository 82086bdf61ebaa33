using System.Diagnostics.Metrics;

namespace TimeActors.Actors;

/// <summary>
/// The kernel's meter (<see cref="MeterName"/>). Every instrument is labelled by actor type (the class
/// name), never by instance, so cardinality stays bounded however many actors run. The catalog is in
/// src/TimeActors.Actors/README.md.
/// </summary>
public sealed class ActorMetrics : IDisposable
{
    public const string MeterName = "TimeActors.Actors";
    public const string ActorTypeTag = "actor_type";

    /// <summary>Processing-time buckets, seconds (1 µs .. 1 s): the exporters' defaults are for milliseconds.</summary>
    public static readonly IReadOnlyList<double> ProcessingBuckets =
        [1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 0.1, 1];

    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Histogram<double> _processingTime;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _stops;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _unhandled;
    private readonly Func<IEnumerable<(string ActorType, int MailboxDepth)>> _liveActors;
    private readonly bool _enabled;

    internal ActorMetrics(string systemName, bool enabled, Func<IEnumerable<(string ActorType, int MailboxDepth)>> liveActors)
    {
        _enabled = enabled;
        _liveActors = liveActors;
        _meter = new Meter(MeterName, "1.0", [new KeyValuePair<string, object?>("actor_system", systemName)]);
        _processed = _meter.CreateCounter<long>("timeactors.actor.messages.processed", "{message}", "User messages processed");
        _processingTime = _meter.CreateHistogram("timeactors.actor.message.processing.duration", "s", "Time an actor spent in one user message", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = ProcessingBuckets });
        _restarts = _meter.CreateCounter<long>("timeactors.actor.restarts", "{restart}", "Actor restarts by supervision");
        _stops = _meter.CreateCounter<long>("timeactors.actor.stops", "{actor}", "Actors stopped");
        _deadLetters = _meter.CreateCounter<long>("timeactors.actor.dead_letters", "{message}", "Messages that reached no actor, by intended recipient type");
        _unhandled = _meter.CreateCounter<long>("timeactors.actor.unhandled", "{message}", "Messages no behaviour handled");
        if (enabled)
        {
            _meter.CreateObservableGauge("timeactors.actor.mailbox.depth", ObserveMailboxDepth, "{message}", "User messages waiting, summed over the live actors of a type");
            _meter.CreateObservableGauge("timeactors.actor.live", ObserveLive, "{actor}", "Live actors");
        }
    }

    /// <summary>The meter, for listeners that want to filter on the instance (one per actor system).</summary>
    public Meter Meter => _meter;

    internal bool TimingEnabled => _enabled && _processingTime.Enabled;

    public void Dispose() => _meter.Dispose();

    internal void OnActorStopped(ActorCell cell)
    {
        if (_enabled)
        {
            _stops.Add(1, Tag(cell.ActorTypeName));
        }
    }

    internal void RecordProcessed(ActorCell cell, int count)
    {
        if (_enabled && _processed.Enabled)
        {
            _processed.Add(count, Tag(cell.ActorTypeName));
        }
    }

    internal void RecordProcessingTime(ActorCell cell, TimeSpan elapsed) =>
        _processingTime.Record(elapsed.TotalSeconds, Tag(cell.ActorTypeName));

    internal void RecordRestart(ActorCell cell)
    {
        if (_enabled)
        {
            _restarts.Add(1, Tag(cell.ActorTypeName));
        }
    }

    internal void RecordUnhandled(ActorCell cell)
    {
        if (_enabled)
        {
            _unhandled.Add(1, Tag(cell.ActorTypeName));
        }
    }

    internal void RecordDeadLetter(string recipientType)
    {
        if (_enabled)
        {
            _deadLetters.Add(1, Tag(recipientType));
        }
    }

    private static KeyValuePair<string, object?> Tag(string actorType) => new(ActorTypeTag, actorType);

    private IEnumerable<Measurement<long>> ObserveMailboxDepth() =>
        _liveActors()
            .GroupBy(a => a.ActorType, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Sum(a => (long)a.MailboxDepth), Tag(g.Key)));

    private IEnumerable<Measurement<long>> ObserveLive() =>
        _liveActors()
            .GroupBy(a => a.ActorType, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.LongCount(), Tag(g.Key)));
}
