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

    public static readonly SettingKey HwtsTimeout = SettingKey.Interval("hwts-timeout", TimeInterval.Zero, TimeInterval.FromSeconds(1), "How long a response waits for a late hardware TX stamp; 0 disables saving.");

    public static SettingsSection Section { get; } = new(SettingsSchema.Root, [Sources, HardwareTimestamping, HwtsTimeout]);
}
