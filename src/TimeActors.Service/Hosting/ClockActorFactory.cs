using TimeActors.Service.Clock;
using TimeActors.Service.Settings;
using TimeActors.Service.Status;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using SettingsLeapMode = TimeActors.Service.Settings.LeapMode;

namespace TimeActors.Service.Hosting;

/// <summary>The clock actor as a guardian child: <c>timeactors.clock</c> mapped onto <see cref="ClockActorOptions"/>.</summary>
public sealed class ClockActorFactory(Func<DisciplineMode, ISystemClock> clockFor) : IServiceActorFactory
{
    public const string ChildName = "clock";

    /// <summary>The Linux clock; read-only behind <see cref="ObserveOnlySystemClock"/> in observe mode.</summary>
    public static ClockActorFactory Linux { get; } = new(mode =>
        mode == DisciplineMode.Control ? new LinuxSystemClock() : new ObserveOnlySystemClock(new LinuxSystemClock()));

    public static ClockActorOptions ToOptions(ClockSettings clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ClockActorOptions
        {
            Mode = clock.Mode == DisciplineMode.Control ? ClockMode.Control : ClockMode.Observe,
            StepPolicy = clock.MakeStepLimit == 0 ? StepPolicy.Never : new StepPolicy(clock.MakeStepThreshold, clock.MakeStepLimit),
            MaxSlewRatePpm = clock.MaxSlewRatePpm,
            LeapMode = clock.LeapMode switch
            {
                SettingsLeapMode.Step => Timing.Discipline.LeapMode.Step,
                SettingsLeapMode.Slew => throw new NotSupportedException("timeactors.clock.leap-mode = slew is not supported by the clock actor yet; use system, step or ignore"),
                SettingsLeapMode.Ignore => Timing.Discipline.LeapMode.Ignore,
                _ => Timing.Discipline.LeapMode.Kernel,
            },
        };
    }

    public IEnumerable<ServiceChildSpec> CreateChildren(TimeActorsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = ToOptions(settings.Clock);
        options.Validate();
        var clock = clockFor(settings.Clock.Mode);
        yield return new ServiceChildSpec(ChildName, ServiceChildRole.Clock, _ => ClockActor.Props(options, clock))
        {
            StatusQuery = GetClockStatus.Instance,
            MapStatusReply = reply => reply is ClockStatus c ? new ServiceStatus(c.Tracking, c.Sources, ServerReport.Empty) : reply,
        };
    }
}
