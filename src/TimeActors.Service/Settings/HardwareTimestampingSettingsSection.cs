using TimeActors.Hocon;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>
/// <c>timeactors.hardware-timestamping</c> entries (one per interface, or <c>*</c>) and their
/// defaults in <c>timeactors.hardware-timestamping-defaults</c>.
/// </summary>
public static class HardwareTimestampingSettingsSection
{
    public static readonly SettingKey Interface = SettingKey.Text("interface", "Interface name, or * for all.");

    public static readonly SettingKey RxFilterKey = SettingKey.Choice("rx-filter", ["auto", "all", "ntp", "ptp", "none"], "Which received packets the NIC stamps.");

    public static readonly SettingKey TxCompensation = SettingKey.Interval("tx-compensation", TimeInterval.FromMilliseconds(-1), TimeInterval.FromMilliseconds(1), "Added to hardware TX stamps.");

    public static readonly SettingKey RxCompensation = SettingKey.Interval("rx-compensation", TimeInterval.FromMilliseconds(-1), TimeInterval.FromMilliseconds(1), "Subtracted from hardware RX stamps.");

    public static readonly SettingKey PhcPoll = SettingKey.Duration("phc-poll", TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), allowInfinite: false, "Interval between PHC readings.");

    public static SettingsSection Defaults { get; } = new(
        "timeactors.hardware-timestamping-defaults",
        [RxFilterKey, TxCompensation, RxCompensation, PhcPoll]);

    public static ValueList<HardwareTimestampingSettings> Bind(Config config, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listPath = ServiceSettingsSection.Section.FullPath(ServiceSettingsSection.HardwareTimestamping);
        var entries = SettingsEntries.Read(config, listPath, Defaults, [Interface], BindEntry, errors);
        foreach (var duplicate in entries.GroupBy(e => e.Interface, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new SettingsError(config.GetValue(listPath)!.Origin, listPath, $"interface `{duplicate.Key}` is listed {duplicate.Count()} times"));
        }

        return entries;
    }

    private static HardwareTimestampingSettings? BindEntry(SettingsReader r, HoconOrigin origin)
    {
        var before = r.ErrorCount;
        if (!r.TryGet<string>(Interface, out var name) || name.Length == 0)
        {
            if (r.ErrorCount == before)
            {
                r.Fail(Interface, "an entry needs `interface = \"eth0\"` (or \"*\" for every interface)");
            }

            return null;
        }

        // Linux interface names: at most 15 bytes (IFNAMSIZ - 1), no '/', no whitespace.
        if (name != "*" && (name.Length > 15 || name.Any(c => c == '/' || char.IsWhiteSpace(c) || c == '*')))
        {
            r.Fail(Interface, $"`{name}` is not an interface name (at most 15 characters, no `/` or spaces) or `*`");
        }

        var settings = new HardwareTimestampingSettings
        {
            Interface = name,
            RxFilter = Enum.Parse<RxFilter>(r.Get<string>(RxFilterKey) ?? "auto", ignoreCase: true),
            TxCompensation = r.Get<TimeInterval>(TxCompensation),
            RxCompensation = r.Get<TimeInterval>(RxCompensation),
            PhcPollInterval = r.Get<TimeSpan>(PhcPoll),
        };
        return r.ErrorCount == before ? settings : null;
    }
}
