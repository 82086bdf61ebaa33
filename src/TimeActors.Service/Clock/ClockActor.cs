using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Server;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Clock;

/// <summary>
/// Selection, combining and discipline: keeps each source's latest <see cref="SourceUpdate"/>, runs
/// <see cref="SourceSelector"/> on every update, feeds the combined estimate to the
/// <see cref="ClockController"/> and carries out its decisions through <see cref="ISystemClock"/>
/// (mode control) or only reports them (mode observe). Publishes <see cref="TrackingUpdated"/>,
/// <see cref="ClockStepped"/> and <see cref="FrequencyChanged"/> on the event stream and answers
/// <see cref="GetClockStatus"/>.
/// </summary>
public sealed class ClockActor : ReceiveActor, IWithTimers
{
    private static readonly object WakeupKey = "clock-wakeup";
    private static readonly object RefreshKey = "clock-refresh";

    private readonly ClockActorOptions _options;
    private readonly ISystemClock _clock;
    private readonly SortedDictionary<int, SourceEntry> _sources = [];
    private ILogger _log = null!;
    private ClockController _controller = null!;
    private ClockMode _mode;
    private int? _selectedId;
    private SelectionOutcome? _lastOutcome;
    private readonly ClockUpdateGate _gate = new();

    public ClockActor(ClockActorOptions options, ISystemClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _mode = options.Mode;

        Receive<SourceUpdate>(OnSourceUpdate);
        Receive<SourceRemoved>(OnSourceRemoved);
        Receive<GetClockStatus>(_ => Sender?.Tell(Status(_clock.Now()), Self));
        Receive<Wakeup>(_ => OnTimer());
        Receive<Refresh>(_ => OnRefresh());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClockActorOptions options, ISystemClock clock) => Actors.Props.Create(() => new ClockActor(options, clock));

    protected override void PreStart()
    {
        _log = Context.GetLogger();
        if (_mode == ClockMode.Control)
        {
            try
            {
                _clock.TakeControl();
            }
            catch (SystemClockPermissionException e)
            {
                _log.LogError("Cannot steer the system clock: {Reason} Continuing in observe mode: offsets and frequency are measured and reported, the clock is not changed.", e.Message);
                _mode = ClockMode.Observe;
            }
        }

        var status = _clock.ReadStatus();
        _controller = new ClockController(_options.ControllerSettings(), status.FrequencyPpm, _mode == ClockMode.Control);
        _log.LogInformation("Clock actor started in {Mode} mode; clock frequency correction {FrequencyPpm:F3} ppm, step policy {StepPolicy}",
            ModeName, status.FrequencyPpm, Describe(_options.StepPolicy));

        Timers.StartPeriodicTimer(RefreshKey, Refresh.Instance, TimeSpan.FromTicks(_options.RefreshInterval.Nanoseconds / 100));
        PublishTracking(_clock.Now());
    }

    private TimeInterval Monotonic => new(Context.System.Scheduler.MonotonicClock.Ticks * 100);

    private string ModeName => _mode == ClockMode.Control ? "control" : "observe";

    private void OnSourceUpdate(SourceUpdate update)
    {
        var now = _clock.Now();
        if (!_gate.Admit(update.SourceId, update.Data, update.NewSample is not null, now, Monotonic))
        {
            // Sent before the source applied our last step; it re-sends on the new timescale at once.
            _log.LogDebug("Ignoring an update of source {Source} computed before the last clock step", update.Report.Name);
            if (_sources.TryGetValue(update.SourceId, out var known))
                _sources[update.SourceId] = known with { Report = update.Report };
            return;
        }

        var dataTime = update.Data.Usable ? SelectionDataTimeline.TimeOf(update.Data) : now;
        _sources.TryGetValue(update.SourceId, out var previous);
        _sources[update.SourceId] = new SourceEntry(update.Data, dataTime, update.Reachable, update.NoSelect, update.Report,
            previous?.State ?? SourceSelectionState.Unusable);
        Reselect(now);
    }

    private void OnSourceRemoved(SourceRemoved removed)
    {
        _gate.Remove(removed.SourceId);
        if (_sources.Remove(removed.SourceId))
            Reselect(_clock.Now());
    }

    private void OnTimer()
    {
        Apply(_controller.OnTimer(_clock.Now()));
        PublishTracking(_clock.Now());
    }

    private void OnRefresh()
    {
        var now = _clock.Now();
        Apply(_controller.OnTimer(now));
        Reselect(_clock.Now());
    }

    // Runs selection over every source's data aged to now; the gate says whether the clock is updated.
    private void Reselect(SystemTime now)
    {
        var candidates = new List<SelectionCandidate>(_sources.Count);
        foreach (var (id, entry) in _sources)
            candidates.Add(new SelectionCandidate(id, entry.Reachable, entry.NoSelect, SelectionDataTimeline.Age(entry.Data, now - entry.DataTime)));

        var result = SourceSelector.Select(candidates, now, _selectedId, _options.Selection);
        RecordStates(result);

        if (result.Outcome == SelectionOutcome.Synchronized && result.Combined is { } combined)
        {
            if (_gate.TakeClockUpdate(result.SelectedSourceId))
                Apply(_controller.Update(combined, now));
        }
        else if (_lastOutcome != result.Outcome || _controller.Tracking(now).Synchronized)
        {
            Apply(_controller.Unsynchronised(now));
        }

        _lastOutcome = result.Outcome;
        PublishTracking(_clock.Now());
    }

    private void RecordStates(SelectionResult result)
    {
        foreach (var status in result.Sources)
        {
            var entry = _sources[status.SourceId];
            if (status.State == SourceSelectionState.Falseticker && entry.State != SourceSelectionState.Falseticker)
            {
                _log.LogWarning("Source {Source} ({Address}) is a falseticker: offset {OffsetSeconds:+0.000000;-0.000000} s ± {DistanceSeconds:F6} s lies outside the interval [{LowSeconds:+0.000000;-0.000000}, {HighSeconds:+0.000000;-0.000000}] s that {Agreeing} sources agree on",
                    entry.Report.Name, entry.Report.Address, entry.Data.Offset.TotalSeconds, entry.Data.RootDistance.TotalSeconds,
                    result.IntersectionLow.TotalSeconds, result.IntersectionHigh.TotalSeconds, result.AgreeingSources);
            }

            _sources[status.SourceId] = entry with { State = status.State };
        }

        if (result.SelectedSourceId != _selectedId)
        {
            if (result.SelectedSourceId is { } id)
            {
                var selected = _sources[id];
                _log.LogInformation("Selected source {Source} ({Address}), stratum {Stratum}, offset {OffsetSeconds:+0.000000;-0.000000} s, {Combined} combined; was {Previous}",
                    selected.Report.Name, selected.Report.Address, selected.Data.Stratum, selected.Data.Offset.TotalSeconds, result.Combined?.CombinedSources ?? 0,
                    _selectedId is { } old && _sources.TryGetValue(old, out var oldEntry) ? oldEntry.Report.Name : "none");
            }
            else
            {
                // Each source's state in the line: "why" is the operator's first question.
                _log.LogWarning("No source selected ({Outcome}): the clock is unsynchronised; was {Previous}; sources: {SourceStates}", result.Outcome,
                    _selectedId is { } old && _sources.TryGetValue(old, out var oldEntry) ? oldEntry.Report.Name : "none",
                    string.Join(", ", _sources.Values.Select(e => $"{e.Report.Name} {e.State}")));
            }

            _selectedId = result.SelectedSourceId;
        }
    }

    // Carries out a decision in order (step, frequency, leap, sync status) and tells everyone who
    // holds local timestamps. In observe mode only the step is logged (what would be done).
    private void Apply(ClockDecision decision)
    {
        var control = _mode == ClockMode.Control;
        try
        {
            if (decision.Step is { } step)
            {
                if (!control)
                {
                    _log.LogInformation("Would step the clock by {StepSeconds:+0.000000000;-0.000000000} s ({Reason}) following {Source}; observe mode leaves it alone", step.TotalSeconds, decision.StepReason,
                        _selectedId is { } sid && _sources.TryGetValue(sid, out var se) ? se.Report.Name : "none");
                }
                else
                {
                    _clock.Step(step);
                    _log.LogWarning("Stepped the clock by {StepSeconds:+0.000000000;-0.000000000} s ({Reason}) following {Source}", step.TotalSeconds, decision.StepReason,
                        _selectedId is { } sid && _sources.TryGetValue(sid, out var se) ? se.Report.Name : "none");
                    Rereference(step, decision.StepAt);
                }
            }

            // A leap second moves the clock and UTC together: offsets stay, nothing is re-referenced.
            if (decision.LeapApplied is { } applied)
                _log.LogWarning("The kernel applied a leap second at {At}: clock readings moved by {StepSeconds:+0;-0} s together with UTC", decision.StepAt, applied.TotalSeconds);

            if (decision.LeapStep is { } leapStep)
            {
                if (!control)
                {
                    _log.LogInformation("Would step the clock by {StepSeconds:+0;-0} s for the leap second; observe mode leaves it alone", leapStep.TotalSeconds);
                }
                else
                {
                    _clock.Step(leapStep);
                    _log.LogWarning("Stepped the clock by {StepSeconds:+0;-0} s for the leap second at {At}", leapStep.TotalSeconds, decision.StepAt);
                }
            }

            if (!control)
            {
                // An operator watching a host in observe mode still wants the leap announcement the
                // sources made (the controller reports it once, when it changes); the kernel bits stay.
                if (decision.Leap is { } announced)
                    _log.LogInformation("The sources' leap second status is now {Leap}; observe mode leaves the kernel's leap second bits alone", announced);
                return;
            }

            if (decision.FrequencyPpm is { } frequency)
            {
                _clock.SetFrequency(frequency);
                if (decision.FrequencyDeltaPpm != 0)
                    Rereference(decision.FrequencyAt, decision.FrequencyDeltaPpm);
            }

            if (decision.Leap is { } leap)
            {
                _clock.SetLeap(leap);
                _log.LogInformation("Kernel leap second bits set to {Leap}", leap);
            }

            if (decision.SyncStatus is { } sync)
                _clock.SetSyncStatus(sync.Synchronized, sync.EstError, sync.MaxError);

            if (decision.NextWakeup is { } wakeup)
            {
                // Rounded up to whole 100 ns ticks: truncating a wake-up less than a tick away to zero
                // fired the timer at the same instant again and again (under virtual time, forever).
                var delay = wakeup - _clock.Now();
                Timers.StartSingleTimer(WakeupKey, Wakeup.Instance, delay > TimeInterval.Zero ? TimeSpan.FromTicks((delay.Nanoseconds + 99) / 100) : TimeSpan.Zero);
            }
            else
            {
                Timers.Cancel(WakeupKey);
            }
        }
        catch (SystemClockPermissionException e)
        {
            _log.LogError("Cannot steer the system clock: {Reason} Continuing in observe mode: offsets and frequency are measured and reported, the clock is not changed.", e.Message);
            _mode = ClockMode.Observe;
            _controller.StopSteering(_clock.ReadStatus().FrequencyPpm);
            Timers.Cancel(WakeupKey);
        }
    }

    private void Rereference(TimeInterval step, SystemTime at)
    {
        foreach (var id in _sources.Keys.ToArray())
        {
            var e = _sources[id];
            _sources[id] = e with { Data = SelectionDataTimeline.AfterStep(e.Data, step), DataTime = e.DataTime + step };
        }

        _gate.OnStep(step, at, Monotonic);
        Context.System.EventStream.Publish(new ClockStepped(step, at));
    }

    private void Rereference(SystemTime at, double deltaPpm)
    {
        foreach (var id in _sources.Keys.ToArray())
        {
            var e = _sources[id];
            var aged = SelectionDataTimeline.Age(e.Data, at - e.DataTime);
            _sources[id] = e with { Data = SelectionDataTimeline.AfterFrequencyChange(aged, at, deltaPpm), DataTime = at };
        }

        Context.System.EventStream.Publish(new FrequencyChanged(deltaPpm, at));
    }

    private void PublishTracking(SystemTime now)
    {
        var (report, server) = Tracking(now);
        Context.System.EventStream.Publish(new TrackingUpdated(report, server));
    }

    private (TrackingReport Report, ServerTrackingState Server) Tracking(SystemTime now)
    {
        var t = _controller.Tracking(now);
        SourceEntry? selected = _selectedId is { } id && _sources.TryGetValue(id, out var s) ? s : null;
        var synchronized = t.Synchronized && selected is not null;
        var refId = synchronized ? ReferenceIds.FromAddress(selected!.Report.Address) : 0;
        var report = new TrackingReport(
            synchronized,
            synchronized ? selected!.Report.Name : null,
            refId,
            synchronized ? t.Stratum : 16,
            t.LastOffset.TotalSeconds,
            t.FrequencyPpm,
            t.RmsOffset.TotalSeconds,
            t.RootDelay.TotalSeconds,
            t.RootDispersion.TotalSeconds,
            synchronized ? t.Leap : Timing.Wire.LeapIndicator.Unsynchronized,
            ModeName) { ResidualFrequencyPpm = t.ResidualFrequencyPpm, SkewPpm = t.SkewPpm, EstErrorSeconds = t.EstError.TotalSeconds, MaxErrorSeconds = t.MaxError.TotalSeconds };
        var server = new ServerTrackingState(
            report.Leap,
            (byte)report.Stratum,
            _options.PrecisionLog2,
            synchronized ? t.RootDelay : TimeInterval.Zero,
            synchronized ? t.RootDispersion : TimeInterval.Zero,
            refId,
            t.LastUpdate ?? default);
        return (report, server);
    }

    private ClockStatus Status(SystemTime now)
    {
        var sources = new List<SourceReport>(_sources.Count);
        foreach (var entry in _sources.Values)
            sources.Add(entry.Report with { State = entry.State });
        return new ClockStatus(Tracking(now).Report, sources);
    }

    private static string Describe(StepPolicy policy) => policy.Limit switch
    {
        0 => "never step",
        < 0 => $"step beyond {policy.Threshold.TotalSeconds} s always",
        _ => $"step beyond {policy.Threshold.TotalSeconds} s during the first {policy.Limit} updates",
    };

    private sealed record SourceEntry(
        SelectionData Data,
        SystemTime DataTime,
        bool Reachable,
        bool NoSelect,
        SourceReport Report,
        SourceSelectionState State);

    private sealed record Wakeup
    {
        public static readonly Wakeup Instance = new();
    }

    private sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }
}
