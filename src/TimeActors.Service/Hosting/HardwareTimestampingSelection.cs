using TimeActors.Service.Settings;
using TimeActors.Timing.Hardware;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Which interfaces get hardware timestamping from the <c>timeactors.hardware-timestamping</c> entries,
/// as chrony's <c>hwtimestamp</c>: a named interface that cannot do it is one warning with the reason
/// (it runs on kernel stamps); <c>*</c> silently skips the interfaces that cannot, and warns once only
/// if none could. A named entry wins over <c>*</c> for its interface.
/// </summary>
public static class HardwareTimestampingSelection
{
    public static IReadOnlyList<HardwareInterface> Open(
        IReadOnlyList<HardwareTimestampingSettings> entries,
        IHardwareTimestampingHost host,
        Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(warn);
        var opened = new List<HardwareInterface>();
        if (entries.Count == 0)
        {
            return opened;
        }

        var named = entries.Where(e => !e.IsWildcard).Select(e => e.Interface).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in named)
        {
            var entry = HardwareTimestampingSettings.For(entries, name)!;
            if (host.TryOpen(name, entry, out var hardware, out var reason))
            {
                opened.Add(hardware!);
            }
            else
            {
                warn($"hardware timestamping is not available on {name}: {reason}; kernel timestamps are used on it");
            }
        }

        var wildcard = entries.FirstOrDefault(e => e.IsWildcard);
        if (wildcard is not null)
        {
            var candidates = host.InterfaceNames().Where(n => !named.Contains(n, StringComparer.Ordinal)).ToList();
            int before = opened.Count;
            foreach (var name in candidates)
            {
                if (host.TryOpen(name, wildcard, out var hardware, out _))
                {
                    opened.Add(hardware!);
                }
            }

            if (opened.Count == before)
            {
                warn($"hardware timestamping on *: none of the {candidates.Count} interfaces ({string.Join(", ", candidates)}) supports it: kernel timestamps are used");
            }
        }

        return opened;
    }

    /// <summary>The PHC model options of an entry (<c>phc-poll</c>, <c>tx-compensation</c>, <c>rx-compensation</c>; chrony's defaults for the rest).</summary>
    public static PhcModelOptions ToPhcModelOptions(HardwareTimestampingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PhcModelOptions { TxCompensation = settings.TxCompensation, RxCompensation = settings.RxCompensation }
            .WithPollInterval(settings.PhcPollInterval);
    }
}
