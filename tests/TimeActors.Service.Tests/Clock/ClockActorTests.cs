using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Clock;
using TimeActors.Service.Messages;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Clock;

public sealed class ClockActorTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2027, 3, 15, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeSystemClock _clock;
    private readonly TestProbe _events;
    private TimeInterval _dateShift;

    public ClockActorTests()
        : base(new ActorSystemSettings { UseVirtualTime = true, VirtualTimeStart = Start })
    {
        _clock = new FakeSystemClock(() => new SystemTime((Sys.Scheduler.Now - DateTimeOffset.UnixEpoch).Ticks * 100) + _dateShift);
        _events = CreateTestProbe("events");
        Sys.EventStream.Subscribe<TrackingUpdated>(_events);
        Sys.EventStream.Subscribe<ClockStepped>(_events);
        Sys.EventStream.Subscribe<FrequencyChanged>(_events);
    }

    private IActorRef StartClock(ClockActorOptions options)
    {
        var actor = ActorOf(ClockActor.Props(options, _clock), "clock");
        _events.ExpectMsg<TrackingUpdated>(t => !t.Report.Synchronized); // the start-up report
        return actor;
    }

    private static List<object> Drain(TestProbe probe)
    {
        var messages = new List<object>();
        while (probe.HasMessages)
            messages.Add(probe.ReceiveOne(TimeSpan.Zero));
        return messages;
    }

    private ClockStatus Status(IActorRef clock)
    {
        clock.Tell(GetClockStatus.Instance, TestActor);
        return ExpectMsg<ClockStatus>();
    }

    [Fact]
    public void Agreeing_sources_are_selected_and_combined_and_the_clock_is_synchronized()
    {
        var clock = StartClock(new ClockActorOptions());

        var now = _clock.Now();
        clock.Tell(Updates.Make(1, now, 0.0010, distanceSeconds: 0.002));
        clock.Tell(Updates.Make(2, now, 0.0012, distanceSeconds: 0.001, stratum: 2));
        clock.Tell(Updates.Make(3, now, 0.0009, distanceSeconds: 0.003));

        var tracking = _events.FishForMessage<TrackingUpdated>(t => t.Report.Synchronized && t.Report.Reference == "server1");
        Assert.Equal(2, tracking.Report.Stratum);
        Assert.Equal(0x0AC80001u, tracking.Report.ReferenceId);
        Assert.Equal(tracking.Report.ReferenceId, tracking.ServerState.ReferenceId);
        Assert.Equal(LeapIndicator.NoWarning, tracking.ServerState.Leap);
        Assert.Equal((byte)2, tracking.ServerState.Stratum);
        Assert.Equal("observe", tracking.Report.Mode);

        var status = Status(clock);
        Assert.True(status.Tracking.Synchronized);
        Assert.Equal(3, status.Sources.Count);
        Assert.Equal(SourceSelectionState.Selected, status.Sources[0].State);
        Assert.All(status.Sources.Skip(1), s => Assert.Equal(SourceSelectionState.Combined, s.State));
        Assert.InRange(status.Tracking.OffsetSeconds, 0.0009, 0.0012);
        ExpectLog(LogLevel.Information, "Selected source server1");
    }

    [Fact]
    public void A_source_outside_the_majority_is_marked_falseticker_and_logged_once()
    {
        var clock = StartClock(new ClockActorOptions());

        var now = _clock.Now();
        clock.Tell(Updates.Make(1, now, 0.001));
        clock.Tell(Updates.Make(2, now, 0.0015));
        clock.Tell(Updates.Make(3, now, 0.0005));
        clock.Tell(Updates.Make(4, now, 0.050));
        clock.Tell(Updates.Make(4, now, 0.051));

        var status = Status(clock);
        Assert.Equal(SourceSelectionState.Falseticker, status.Sources[3].State);
        Assert.NotEqual(SourceSelectionState.Falseticker, status.Sources[0].State);
        ExpectLog(LogLevel.Warning, "Source server4 (10.200.0.4:123) is a falseticker");
        Assert.Single(LogEvents, e => e.Message.Contains("is a falseticker", StringComparison.Ordinal));
    }

    [Fact]
    public void Observe_mode_never_writes_the_clock_but_reports_what_it_would_do()
    {
        var clock = StartClock(new ClockActorOptions
        {
            Mode = ClockMode.Observe,
            StepPolicy = StepPolicy.Always(TimeInterval.FromSeconds(0.1)),
        });

        for (var i = 0; i < 5; i++)
        {
            clock.Tell(Updates.Make(1, _clock.Now(), 2.5, frequencyPpm: 40));
            Advance(TimeSpan.FromSeconds(64));
        }

        var status = Status(clock);
        Assert.Empty(_clock.Writes);
        Assert.Equal(0, _clock.RefusedWrites);
        Assert.Equal("observe", status.Tracking.Mode);
        Assert.Equal(-40, status.Tracking.FrequencyPpm, 6);
        Assert.True(status.Tracking.Synchronized);
        ExpectLog(LogLevel.Information, "Would step the clock by +2.5");
        _events.FishForMessage<TrackingUpdated>(t => t.Report.Synchronized);
        Assert.DoesNotContain(Drain(_events), m => m is ClockStepped or FrequencyChanged);
    }

    [Fact]
    public void Control_mode_takes_control_steps_within_the_policy_and_slews_afterwards()
    {
        var clock = StartClock(new ClockActorOptions
        {
            Mode = ClockMode.Control,
            StepPolicy = StepPolicy.FirstUpdates(TimeInterval.FromSeconds(0.1), 1),
        });
        Assert.Equal("TakeControl", _clock.Writes[0]);

        var before = _clock.Now();
        clock.Tell(Updates.Make(1, before, 0.5));

        var stepped = _events.FishForMessage<ClockStepped>(_ => true);
        Assert.Equal(TimeInterval.FromSeconds(0.5), stepped.Step);
        Assert.Equal(before, stepped.At);
        Assert.Equal([TimeInterval.FromSeconds(0.5)], _clock.Steps);
        Assert.Equal(before + TimeInterval.FromSeconds(0.5), _clock.Now());
        ExpectLog(LogLevel.Warning, "Stepped the clock by +0.5");
        Assert.False(_clock.Flags.HasFlag(SystemClockFlags.Unsync));
        Assert.True(_clock.MaxError < TimeInterval.FromSeconds(0.01));

        // The policy allowed one step: the next large offset is slewed at a bounded rate.
        Advance(TimeSpan.FromSeconds(64));
        clock.Tell(Updates.Make(1, _clock.Now(), 0.5));
        var changed = _events.FishForMessage<FrequencyChanged>(f => f.DeltaPpm > 0);
        Assert.Equal(1e6 / 12, changed.DeltaPpm, 3);
        Assert.Single(_clock.Steps);
        Assert.Equal(1e6 / 12, _clock.FrequencyPpm, 3);

        // The slew ends on its timer (6 s for 0.5 s at 83333 ppm) and the frequency returns; the
        // delta is relative to the slewed rate: 1 → 12/13 of it.
        Advance(TimeSpan.FromSeconds(7));
        var back = _events.FishForMessage<FrequencyChanged>(f => f.DeltaPpm < 0);
        Assert.Equal(-1e6 / 13, back.DeltaPpm, 3);
        Assert.Equal(0, _clock.FrequencyPpm, 6);
    }

    [Fact]
    public void Control_mode_corrects_the_frequency_and_tells_sources_to_re_reference()
    {
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });

        clock.Tell(Updates.Make(1, _clock.Now(), 0, frequencyPpm: 25));

        var changed = _events.FishForMessage<FrequencyChanged>(_ => true);
        Assert.Equal(-25, changed.DeltaPpm, 6);
        Assert.Equal(-25, _clock.FrequencyPpm, 6);
        var status = Status(clock);
        Assert.Equal("control", status.Tracking.Mode);
        Assert.Equal(-25, status.Tracking.FrequencyPpm, 6);
    }

    [Fact]
    public void Losing_every_source_marks_the_clock_unsynchronised()
    {
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });
        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001));
        _events.FishForMessage<TrackingUpdated>(t => t.Report.Synchronized);
        Assert.False(_clock.Flags.HasFlag(SystemClockFlags.Unsync));

        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001, reachable: false, newSample: false));

        var lost = _events.FishForMessage<TrackingUpdated>(t => !t.Report.Synchronized);
        Assert.Equal(16, lost.Report.Stratum);
        Assert.Equal(LeapIndicator.Unsynchronized, lost.ServerState.Leap);
        Assert.True(_clock.Flags.HasFlag(SystemClockFlags.Unsync));
        Assert.Equal(TimeInterval.FromSeconds(16), _clock.MaxError);
        Assert.Equal(SourceSelectionState.Unreachable, Status(clock).Sources[0].State);
        ExpectLog(LogLevel.Warning, "No source selected (NoSelectableSources): the clock is unsynchronised; was server1; sources: server1 Unreachable");
    }

    [Fact]
    public void Eperm_at_start_is_logged_once_and_the_actor_continues_in_observe_mode()
    {
        _clock.DenyWrites = true;
        var clock = StartClock(new ClockActorOptions
        {
            Mode = ClockMode.Control,
            StepPolicy = StepPolicy.Always(TimeInterval.FromSeconds(0.1)),
        });

        for (var i = 0; i < 3; i++)
        {
            clock.Tell(Updates.Make(1, _clock.Now(), 1.0, frequencyPpm: 10));
            Advance(TimeSpan.FromSeconds(64));
        }

        var status = Status(clock);
        Assert.Equal("observe", status.Tracking.Mode);
        Assert.True(status.Tracking.Synchronized);
        Assert.Equal(1, _clock.RefusedWrites);
        Assert.Empty(_clock.Writes);
        ExpectLog(LogLevel.Error, "Continuing in observe mode");
        Assert.Single(LogEvents, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public void Eperm_on_a_later_write_switches_to_observe_without_announcing_changes_that_did_not_happen()
    {
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });
        _clock.DenyWrites = true;

        clock.Tell(Updates.Make(1, _clock.Now(), 0.2, frequencyPpm: 10));
        ExpectLog(LogLevel.Error, "Cannot steer the system clock");
        clock.Tell(Updates.Make(1, _clock.Now(), 0.2, frequencyPpm: 10));

        var status = Status(clock);
        Assert.Equal("observe", status.Tracking.Mode);
        Assert.Equal(1, _clock.RefusedWrites);
        Assert.DoesNotContain(Drain(_events), m => m is ClockStepped or FrequencyChanged);

        // Nothing is left scheduled that would try to end a slew that never started.
        Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _clock.RefusedWrites);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-2.0)]
    public void An_update_computed_before_a_step_is_ignored_instead_of_being_stepped_again(double stepSeconds)
    {
        var clock = StartClock(new ClockActorOptions
        {
            Mode = ClockMode.Control,
            StepPolicy = StepPolicy.Always(TimeInterval.FromSeconds(0.1)),
        });
        var before = _clock.Now();
        clock.Tell(Updates.Make(1, before, stepSeconds));
        _events.FishForMessage<ClockStepped>(_ => true);

        // The source sent this before it saw the step: on the old timescale it still shows the offset.
        clock.Tell(Updates.Make(1, before, stepSeconds));
        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001));

        var status = Status(clock);
        Assert.Equal([TimeInterval.FromSeconds(stepSeconds)], _clock.Steps);
        Assert.Equal(0.0001, status.Tracking.OffsetSeconds, 9);

        // Long after the step nothing is judged by it any more (someone else may move the clock back).
        Advance(TimeSpan.FromSeconds(64));
        clock.Tell(Updates.Make(1, before - TimeInterval.FromSeconds(3), 0.0003));
        Assert.Equal(0.0003, Status(clock).Tracking.OffsetSeconds, 9);
    }

    [Fact]
    public void Tracking_is_refreshed_periodically_with_root_dispersion_growing()
    {
        var clock = StartClock(new ClockActorOptions { RefreshInterval = TimeInterval.FromSeconds(64) });
        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001));
        var first = _events.FishForMessage<TrackingUpdated>(t => t.Report.Synchronized);

        Advance(TimeSpan.FromSeconds(64));
        var refreshed = _events.FishForMessage<TrackingUpdated>(t => t.Report.RootDispersionSeconds > first.Report.RootDispersionSeconds);

        Assert.True(refreshed.Report.Synchronized);
        Assert.True(refreshed.ServerState.RootDispersion > first.ServerState.RootDispersion);
    }

    [Fact]
    public void Kernel_leap_bits_are_written_on_the_leap_day_in_control_mode()
    {
        // Start on the leap day (advancing virtual time there would fire months of refresh timers).
        _dateShift = TimeInterval.FromSeconds((new DateTimeOffset(2027, 6, 30, 12, 0, 0, TimeSpan.Zero) - Start).TotalSeconds);
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });

        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001, leap: LeapIndicator.InsertSecond));

        _events.FishForMessage<TrackingUpdated>(t => t.ServerState.Leap == LeapIndicator.InsertSecond);
        Assert.True(_clock.Flags.HasFlag(SystemClockFlags.Insert));
        ExpectLog(LogLevel.Information, "Kernel leap second bits set to Insert");
    }

    [Fact]
    public void In_observe_mode_the_leap_announcement_is_logged_once_and_the_kernel_bits_stay()
    {
        _dateShift = TimeInterval.FromSeconds((new DateTimeOffset(2027, 6, 30, 12, 0, 0, TimeSpan.Zero) - Start).TotalSeconds);
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Observe });

        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001, leap: LeapIndicator.InsertSecond));
        _events.FishForMessage<TrackingUpdated>(t => t.ServerState.Leap == LeapIndicator.InsertSecond);
        ExpectLog(LogLevel.Information, "leap second status is now Insert; observe mode");
        Assert.False(_clock.Flags.HasFlag(SystemClockFlags.Insert));
    }

    [Fact]
    public void After_the_kernel_inserts_a_leap_second_the_bits_are_cleared_and_sources_keep_their_offsets()
    {
        _dateShift = TimeInterval.FromSeconds((new DateTimeOffset(2027, 12, 31, 23, 59, 0, TimeSpan.Zero) - Start).TotalSeconds);
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });
        clock.Tell(Updates.Make(1, _clock.Now(), 0, leap: LeapIndicator.InsertSecond));
        _events.FishForMessage<TrackingUpdated>(t => t.ServerState.Leap == LeapIndicator.InsertSecond);
        Assert.True(_clock.Flags.HasFlag(SystemClockFlags.Insert));

        Advance(TimeSpan.FromSeconds(63));

        ExpectLog(LogLevel.Warning, "The kernel applied a leap second");
        Assert.False(_clock.Flags.HasFlag(SystemClockFlags.Insert));
        Assert.Empty(_clock.Steps); // the kernel stepped, we wrote nothing

        // UTC repeated the second with the clock: measured offsets stay, so no re-referencing.
        Assert.DoesNotContain(Drain(_events), m => m is ClockStepped);
    }

    [Fact]
    public void In_step_leap_mode_the_actor_steps_the_second_itself_without_re_referencing()
    {
        _dateShift = TimeInterval.FromSeconds((new DateTimeOffset(2027, 12, 31, 23, 59, 0, TimeSpan.Zero) - Start).TotalSeconds);
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control, LeapMode = LeapMode.Step });
        clock.Tell(Updates.Make(1, _clock.Now(), 0, leap: LeapIndicator.InsertSecond));
        _events.FishForMessage<TrackingUpdated>(t => t.ServerState.Leap == LeapIndicator.InsertSecond);
        Assert.False(_clock.Flags.HasFlag(SystemClockFlags.Insert));

        Advance(TimeSpan.FromSeconds(61));

        ExpectLog(LogLevel.Warning, "for the leap second");
        Assert.Equal([TimeInterval.FromSeconds(-1)], _clock.Steps);
        Assert.DoesNotContain(Drain(_events), m => m is ClockStepped);
    }

    [Fact]
    public void Only_new_samples_of_the_selected_source_update_the_clock()
    {
        var clock = StartClock(new ClockActorOptions { Mode = ClockMode.Control });
        clock.Tell(Updates.Make(1, _clock.Now(), 0.0002, distanceSeconds: 0.001));
        _events.FishForMessage<TrackingUpdated>(t => t.Report.Synchronized);
        Assert.Single(_clock.Frequencies);

        // Source 2 agrees but is farther: combined, not selected; its samples alone do not update.
        clock.Tell(Updates.Make(2, _clock.Now(), 0.0003, distanceSeconds: 0.002));
        clock.Tell(Updates.Make(2, _clock.Now(), 0.0003, distanceSeconds: 0.002));
        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001, distanceSeconds: 0.001, newSample: false));
        var status = Status(clock);
        Assert.Equal(SourceSelectionState.Combined, status.Sources[1].State);
        Assert.Single(_clock.Frequencies);

        clock.Tell(Updates.Make(1, _clock.Now(), 0.0001, distanceSeconds: 0.001));
        Status(clock);
        Assert.Equal(2, _clock.Frequencies.Count);
    }

    [Fact]
    public void The_linux_adapter_refused_with_eperm_leaves_the_actor_observing()
    {
        var kernel = new RecordingKernel { Deny = true };
        var actor = ActorOf(ClockActor.Props(new ClockActorOptions { Mode = ClockMode.Control }, new LinuxSystemClock(kernel.Call)), "linux-clock");
        _events.ExpectMsg<TrackingUpdated>(t => t.Report.Mode == "observe");

        var error = ExpectLog(LogLevel.Error, "CAP_SYS_TIME");
        Assert.Contains("Continuing in observe mode", error.Message, StringComparison.Ordinal);
        actor.Tell(GetClockStatus.Instance, TestActor);
        Assert.Equal("observe", ExpectMsg<ClockStatus>().Tracking.Mode);
        Assert.Empty(kernel.Requests);
    }
}
