using TimeActors.Actors.TestKit;
using TimeActors.Service.Clock;
using TimeActors.Service.Hosting;
using TimeActors.Service.Messages;
using TimeActors.Service.Settings;
using TimeActors.Service.Status;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;
using SettingsLeapMode = TimeActors.Service.Settings.LeapMode;

namespace TimeActors.Service.Tests.Hosting;

/// <summary>The composition root's clock: settings mapped onto the clock actor, and observe mode unable to write.</summary>
public sealed class ClockActorFactoryTests : TestKit
{
    /// <summary>Counts every call; writes are what observe mode must never let through.</summary>
    private sealed class CountingClock : ISystemClock
    {
        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public SystemTime Now()
        {
            Reads++;
            return new SystemTime(1_700_000_000_000_000_000);
        }

        public SystemClockStatus ReadStatus()
        {
            Reads++;
            return new LinuxSystemClock(_ => default).ReadStatus();
        }

        public void TakeControl() => Writes++;

        public void SetFrequency(double frequencyPpm) => Writes++;

        public void Step(TimeInterval step) => Writes++;

        public void SetLeap(SystemClockLeap leap) => Writes++;

        public void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError) => Writes++;
    }

    [Fact]
    public void Clock_settings_map_onto_the_clock_actor_options()
    {
        var options = ClockActorFactory.ToOptions(new ClockSettings
        {
            Mode = DisciplineMode.Control,
            MakeStepThreshold = TimeInterval.FromMilliseconds(100),
            MakeStepLimit = 3,
            MaxSlewRatePpm = 500,
            LeapMode = SettingsLeapMode.Step,
        });
        Assert.Equal(ClockMode.Control, options.Mode);
        Assert.Equal(StepPolicy.FirstUpdates(TimeInterval.FromMilliseconds(100), 3), options.StepPolicy);
        Assert.Equal(500, options.MaxSlewRatePpm);
        Assert.Equal(Timing.Discipline.LeapMode.Step, options.LeapMode);

        Assert.Equal(StepPolicy.Always(TimeInterval.FromSeconds(1)), ClockActorFactory.ToOptions(new ClockSettings { MakeStepLimit = -1 }).StepPolicy);
        Assert.Equal(StepPolicy.Never, ClockActorFactory.ToOptions(new ClockSettings { MakeStepLimit = 0 }).StepPolicy);
        Assert.Equal(ClockMode.Observe, ClockActorFactory.ToOptions(new ClockSettings()).Mode);
        Assert.Equal(Timing.Discipline.LeapMode.Kernel, ClockActorFactory.ToOptions(new ClockSettings()).LeapMode);
    }

    [Fact]
    public void Leap_mode_slew_is_refused_until_the_clock_actor_supports_it()
    {
        Assert.Contains("slew is not supported", Assert.Throws<NotSupportedException>(() => ClockActorFactory.ToOptions(new ClockSettings { LeapMode = SettingsLeapMode.Slew })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_only_clock_passes_reads_and_refuses_every_write()
    {
        var inner = new CountingClock();
        var clock = new ObserveOnlySystemClock(inner);
        clock.Now();
        clock.ReadStatus();
        Assert.Throws<SystemClockPermissionException>(clock.TakeControl);
        Assert.Throws<SystemClockPermissionException>(() => clock.SetFrequency(1));
        Assert.Throws<SystemClockPermissionException>(() => clock.Step(TimeInterval.FromSeconds(1)));
        Assert.Throws<SystemClockPermissionException>(() => clock.SetLeap(default));
        Assert.Throws<SystemClockPermissionException>(() => clock.SetSyncStatus(true, TimeInterval.Zero, TimeInterval.Zero));
        Assert.Equal((2, 0), (inner.Reads, inner.Writes));
    }

    [Fact]
    public void Guardian_with_the_clock_child_answers_status_from_the_clock_actor()
    {
        var inner = new CountingClock();
        var settings = SettingsLoader.Load(null, new Dictionary<string, string>());
        var factory = new ClockActorFactory(mode => new ObserveOnlySystemClock(inner));
        var guardian = ActorOf(ServiceGuardian.Props([.. new ServiceComposition([factory]).CreateChildren(settings)], "observe", TimeSpan.FromSeconds(3)));
        guardian.Tell(GetStatus.Instance, TestActor);
        var status = ExpectMsg<ServiceStatus>();
        Assert.False(status.Tracking.Synchronized);
        Assert.Equal("observe", status.Tracking.Mode);
        Assert.Empty(status.Sources);
        Assert.Equal(0, inner.Writes);
        Assert.True(inner.Reads > 0, "the status did not come from the clock actor");
    }
}
