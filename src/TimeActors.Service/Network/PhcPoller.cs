using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;

namespace TimeActors.Service.Network;

/// <summary>
/// Feeds one interface's <see cref="PhcModel"/> from its <see cref="IPhcReader"/>, as a child of the
/// interface actor on the default dispatcher (the interface actor's own thread blocks in epoll). The
/// cadence is chrony's: a tick every minimum poll, and a read when hardware stamps were converted since
/// the last one or the maximum poll has passed (so an idle interface costs a read per maxpoll). Each
/// accepted sample refreshes the link speed. Clock steps and frequency changes from the clock actor
/// re-reference the model so it survives them.
/// </summary>
/// <remarks>
/// The poller is the model's only writer; the network port converts on its polling thread through the
/// model's immutable fit. A stamp taken just before a step and converted just after it uses the fit of
/// before the step: the clock actor's step handling already discards samples spanning a step.
/// </remarks>
public sealed class PhcPoller : ReceiveActor, IWithTimers
{
    private readonly PhcModel _model;
    private readonly IPhcReader _reader;
    private readonly PhcClockReading[] _readings = new PhcClockReading[LinuxPhcReader.MaxReadings];
    private DateTimeOffset? _lastPoll;
    private long _polls;
    private long _failed;
    private bool _wasValid;

    public PhcPoller(PhcModel model, IPhcReader reader)
    {
        _model = model;
        _reader = reader;
        Receive<Tick>(_ => OnTick());
        Receive<ClockStepped>(e => _model.ApplyClockStep(e.Step));
        Receive<FrequencyChanged>(e => _model.ApplyFrequencyChange(e.At, e.DeltaPpm));
        Receive<GetPhcStatus>(_ => Sender?.Tell(Status(), Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PhcPolling polling)
    {
        ArgumentNullException.ThrowIfNull(polling);
        return Actors.Props.Create(() => new PhcPoller(polling.Model, polling.Reader));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<ClockStepped>(Self);
        Context.System.EventStream.Subscribe<FrequencyChanged>(Self);
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _model.Options.MinPollInterval);
        Poll();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void OnTick()
    {
        bool stampsSeen = _model.TakeStampsSeen();
        var now = Context.System.Scheduler.Now;

        // Ticks come every minpoll: with traffic read on each, idle only once maxpoll has passed.
        // A hair of slack so a tick landing exactly on maxpoll is not put off by a whole minpoll.
        if (stampsSeen || _lastPoll is null || now - _lastPoll.Value >= _model.Options.MaxPollInterval - TimeSpan.FromMilliseconds(1))
        {
            Poll();
        }
    }

    private void Poll()
    {
        _lastPoll = Context.System.Scheduler.Now;
        _polls++;
        int count = _reader.Read(_readings);
        if (count == 0)
        {
            _failed++;
            return;
        }

        if (_model.AddReadings(_readings.AsSpan(0, count)))
        {
            _model.LinkSpeedMbps = _reader.ReadLinkSpeedMbps();
        }

        if (_model.IsValid != _wasValid)
        {
            _wasValid = _model.IsValid;
            Context.System.Log.LogInformation(
                "PHC of {Interface}: {State} ({Samples} samples, {Resets} resets)",
                _reader.Name,
                _wasValid ? "hardware stamps converted" : "model reset, kernel stamps until it is valid again",
                _model.SampleCount,
                _model.Resets);
        }
    }

    private PhcStatus Status() =>
        new(_reader.Name, _model.IsValid, _model.SampleCount, _model.Resets, _polls, _failed, _model.LinkSpeedMbps);

    /// <summary>Ask for the poller's <see cref="PhcStatus"/>.</summary>
    public sealed record GetPhcStatus
    {
        public static readonly GetPhcStatus Instance = new();
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
