using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Clock;

/// <summary>
/// Stands in for a source actor: every poll it measures the fake clock against true time (plus a
/// fixed error and seeded noise), keeps real <see cref="SourceStatistics"/>, sends
/// <see cref="SourceUpdate"/>, and re-references on <see cref="ClockStepped"/> and
/// <see cref="FrequencyChanged"/> exactly as the SourceActor contract says.
/// </summary>
internal sealed class ScriptedSource : ReceiveActor, IWithTimers
{
    private readonly int _id;
    private readonly IActorRef _clockActor;
    private readonly FakeSystemClock _clock;
    private readonly double _errorSeconds;
    private readonly double _noiseSeconds;
    private readonly Random _random;
    private readonly SourceStatistics _statistics = new();
    private SourceSample? _newSample;

    public ScriptedSource(int id, IActorRef clockActor, FakeSystemClock clock, double errorSeconds, double noiseSeconds, TimeSpan poll)
    {
        _id = id;
        _clockActor = clockActor;
        _clock = clock;
        _errorSeconds = errorSeconds;
        _noiseSeconds = noiseSeconds;
        _random = new Random(id * 7919);
        Receive<Poll>(_ => Measure());
        Receive<ClockStepped>(e =>
        {
            _statistics.ApplyClockStep(e.Step);
            Send();
        });
        Receive<FrequencyChanged>(e => _statistics.ApplyFrequencyChange(e.At, e.DeltaPpm));
        _poll = poll;
    }

    private readonly TimeSpan _poll;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<ClockStepped>(Self);
        Context.System.EventStream.Subscribe<FrequencyChanged>(Self);
        Timers.StartPeriodicTimer("poll", Poll.Instance, TimeSpan.FromSeconds(1), _poll);
    }

    private void Measure()
    {
        var reading = _clock.Now();
        var truth = _clock.TrueTime() + TimeInterval.FromSeconds(_errorSeconds);
        var offset = (truth - reading) + TimeInterval.FromSeconds(_noiseSeconds * Gaussian());
        var delay = TimeInterval.FromMicroseconds(300);
        var sample = new SourceSample(reading, offset, delay, TimeInterval.FromMicroseconds(5), delay, TimeInterval.FromMicroseconds(5),
            1, LeapIndicator.NoWarning, TimestampSource.Kernel, TimestampSource.Kernel, false);
        _statistics.Accumulate(sample);
        _newSample = sample;
        Send();
    }

    private void Send()
    {
        var report = new SourceReport($"server{_id}", $"10.200.0.{_id}:123", SourceSelectionState.Unusable, 0xff, 6,
            _newSample?.Offset.TotalSeconds, 0.0003, _statistics.SampleCount, false, default, default, default);
        _clockActor.Tell(new SourceUpdate(_id, true, false, _statistics.GetSelectionData(_clock.Now()), _newSample, report));
        _newSample = null;
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }
}
