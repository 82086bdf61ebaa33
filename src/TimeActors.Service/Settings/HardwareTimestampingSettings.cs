using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>One entry of <c>timeactors.hardware-timestamping</c>: enable NIC timestamps on an interface (or <c>*</c>).</summary>
public sealed record HardwareTimestampingSettings
{
    /// <summary>Interface name, or <c>*</c> for every interface that supports hardware timestamping.</summary>
    public required string Interface { get; init; }

    public RxFilter RxFilter { get; init; } = RxFilter.Auto;

    /// <summary>Added to hardware TX stamps (chrony <c>txcomp</c>).</summary>
    public TimeInterval TxCompensation { get; init; } = TimeInterval.Zero;

    /// <summary>Subtracted from hardware RX stamps (chrony <c>rxcomp</c>).</summary>
    public TimeInterval RxCompensation { get; init; } = TimeInterval.Zero;

    /// <summary>How often the NIC's clock (PHC) is read against the system clock.</summary>
    public TimeSpan PhcPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool IsWildcard => Interface == "*";

    /// <summary>Whether this entry covers <paramref name="interfaceName"/> (a named entry wins over <c>*</c>: see <see cref="For"/>).</summary>
    public bool AppliesTo(string interfaceName) => IsWildcard || string.Equals(Interface, interfaceName, StringComparison.Ordinal);

    /// <summary>The entry for an interface: its own entry if listed, otherwise the <c>*</c> entry, otherwise null (off).</summary>
    public static HardwareTimestampingSettings? For(IEnumerable<HardwareTimestampingSettings> entries, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(entries);
        HardwareTimestampingSettings? wildcard = null;
        foreach (var e in entries)
        {
            if (!e.IsWildcard && e.AppliesTo(interfaceName))
            {
                return e;
            }

            wildcard ??= e.IsWildcard ? e : null;
        }

        return wildcard;
    }
}
