using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.clock</c>, bound onto <see cref="ClockSettings"/>.</summary>
public static class ClockSettingsSection
{
    public static readonly SettingKey Mode = SettingKey.Choice("mode", ["observe", "control"], "Write the system clock (control) or only report (observe).");

    public static readonly SettingKey MakeStepThreshold = SettingKey.Interval("makestep.threshold", TimeInterval.Zero, TimeInterval.FromSeconds(86_400), "Step offsets larger than this.");

    public static readonly SettingKey MakeStepLimit = SettingKey.Integer("makestep.limit", -1, 1_000_000, "Updates that may step: 0 never, -1 always.");

    public static readonly SettingKey MaxSlewRate = SettingKey.Number("max-slew-rate", 1, 100_000, "Largest slew, ppm.");

    public static readonly SettingKey Leap = SettingKey.Choice("leap-mode", ["system", "step", "slew", "ignore"], "How leap seconds are applied.");

    public static SettingsSection Section { get; } = new("timeactors.clock", [Mode, MakeStepThreshold, MakeStepLimit, MaxSlewRate, Leap]);

    public static ClockSettings Bind(SettingsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ClockSettings
        {
            Mode = r.Get<string>(Mode) == "control" ? DisciplineMode.Control : DisciplineMode.Observe,
            MakeStepThreshold = r.Get<TimeInterval>(MakeStepThreshold),
            MakeStepLimit = r.Get<int>(MakeStepLimit),
            MaxSlewRatePpm = r.Get<double>(MaxSlewRate),
            LeapMode = Enum.Parse<LeapMode>(r.Get<string>(Leap) ?? "system", ignoreCase: true),
        };
    }
}
