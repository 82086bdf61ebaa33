using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>
/// Keys directly under <c>timeactors</c>: the source and hardware-timestamping lists (bound by their
/// own sections) and <c>hwts-timeout</c>.
/// </summary>
public static class ServiceSettingsSection
{
    public static readonly SettingKey Sources = SettingKey.EntryList("sources", "[ { server = \"ntp.example.net\", iburst = on }, { pool = \"pool.ntp.org\", count = 4 } ]", "NTP servers and pools to use.");

    public static readonly SettingKey HardwareTimestamping = SettingKey.EntryList("hardware-timestamping", "[ { interface = \"*\" } ]", "Interfaces with NIC timestamps.");

    public static readonly SettingKey HwtsTimeout = SettingKey.IntervalOrWord("hwts-timeout", AutoWord, TimeInterval.Zero, TimeInterval.FromSeconds(1), "How long a response waits for a late hardware TX stamp; `auto` learns it per interface; 0 disables saving.");

    /// <summary><c>hwts-timeout = auto</c>: learn the wait from each interface's TX stamp latency.</summary>
    public const string AutoWord = "auto";

    /// <summary>
    /// The fixed value that stands for <c>auto</c> where a single duration is needed (chrony's
    /// default, which is also the learner's floor).
    /// </summary>
    public static readonly TimeInterval AutoFallback = TimeInterval.FromMilliseconds(1);

    public static SettingsSection Section { get; } = new(SettingsSchema.Root, [Sources, HardwareTimestamping, HwtsTimeout]);
}
