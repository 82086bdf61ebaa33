using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// Keeps <see cref="ServiceMetrics"/> fed: asks the service guardian for its status every refresh
/// interval (the guardian gathers it from its children, so the service's actors need no telemetry
/// code) and follows <see cref="TrackingUpdated"/> on the event stream for fresh tracking and the
/// interval between clock updates. Each change is published as a new immutable snapshot.
/// </summary>
public sealed class TelemetryActor : ReceiveActor, IWithTimers
{
    private static readonly object RefreshKey = "telemetry-refresh";

    private readonly IActorRef _guardian;
    private readonly ServiceMetrics _metrics;
    private readonly TimeSpan _refreshInterval;
    private SystemTime _lastUpdate;
    private double? _updateIntervalSeconds;

    public TelemetryActor(IActorRef guardian, ServiceMetrics metrics, TimeSpan refreshInterval)
    {
        _guardian = guardian;
        _metrics = metrics;
        _refreshInterval = refreshInterval;
        Receive<Refresh>(_ => _guardian.Tell(GetStatus.Instance, Self));
        Receive<ServiceStatus>(OnStatus);
        Receive<TrackingUpdated>(OnTracking);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef guardian, ServiceMetrics metrics, TimeSpan refreshInterval) =>
        Actors.Props.Create(() => new TelemetryActor(guardian, metrics, refreshInterval));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<TrackingUpdated>(Self);
        Self.Tell(Refresh.Instance, Self);
        Timers.StartPeriodicTimer(RefreshKey, Refresh.Instance, _refreshInterval);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnStatus(ServiceStatus status) =>
        _metrics.Publish(new TelemetrySnapshot(status, _updateIntervalSeconds));

    private void OnTracking(TrackingUpdated update)
    {
        // The reference time is the clock reading of the last update: a new one is a new update.
        var reference = update.ServerState.ReferenceTime;
        if (reference != _lastUpdate && reference != default)
        {
            if (_lastUpdate != default && reference > _lastUpdate)
            {
                _updateIntervalSeconds = (reference - _lastUpdate).TotalSeconds;
            }

            _lastUpdate = reference;
        }

        var current = _metrics.Snapshot;
        _metrics.Publish(new TelemetrySnapshot(current.Status with { Tracking = update.Report }, _updateIntervalSeconds));
    }

    private sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }
}
