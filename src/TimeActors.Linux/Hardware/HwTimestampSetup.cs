using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Hardware;

/// <summary>
/// The policy for turning on hardware timestamping on one NIC, separate from the ioctls: TX on, RX
/// filter NTP_ALL, else ALL, else NONE (TX only). Errors mean different things (timestamping.rst):
/// ERANGE = this filter cannot be stamped, try the next; EINVAL/EOPNOTSUPP = no SIOCSHWTSTAMP support;
/// EPERM = no CAP_NET_ADMIN. After a failure the current config is read back and accepted if TX is
/// already on with the wanted filter, as on NICs another process (or an admin) configured.
/// </summary>
public static class HwTimestampSetup
{
    public static IReadOnlyList<HwTimestampRxFilter> DefaultFilters { get; } =
        [HwTimestampRxFilter.NtpAll, HwTimestampRxFilter.All, HwTimestampRxFilter.None];

    /// <param name="control">The interface's ioctls.</param>
    /// <param name="capabilities">ETHTOOL_GET_TS_INFO, when known: filters the NIC does not list are skipped.</param>
    /// <param name="filters">Candidate RX filters in order of preference (default NTP_ALL, ALL, NONE).</param>
    public static HwTimestampOutcome Enable(IHwTimestampControl control, EthtoolTimestampingInfo? capabilities = null, IReadOnlyList<HwTimestampRxFilter>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        var candidates = (filters ?? DefaultFilters)
            .Where(f => capabilities is null || capabilities.RxFilters == 0 || capabilities.SupportsRxFilter(f))
            .ToList();
        if (candidates.Count == 0)
        {
            return new HwTimestampOutcome(HwTimestampStatus.FilterUnsupported, null, (filters ?? DefaultFilters)[0], ERANGE);
        }

        HwTimestampOutcome? last = null;
        foreach (var filter in candidates)
        {
            var requested = new HwTimestampConfig(0, HwTimestampTxType.On, filter);
            var errno = control.Set(requested, out var actual);
            if (errno == 0)
            {
                return new HwTimestampOutcome(HwTimestampStatus.Enabled, actual, filter, 0);
            }

            if (control.Get(out var current) == 0 && current.TxType == HwTimestampTxType.On && current.RxFilter == filter)
            {
                return new HwTimestampOutcome(HwTimestampStatus.AlreadyConfigured, current, filter, errno);
            }

            switch (errno)
            {
                case ERANGE:
                    last = new HwTimestampOutcome(HwTimestampStatus.FilterUnsupported, null, filter, errno);
                    continue;
                case EPERM:
                    // Without CAP_NET_ADMIN no other filter will be accepted either; but a NIC that is
                    // already set to a later candidate is still usable.
                    return ReadBackAny(control, candidates, filter) ?? new HwTimestampOutcome(HwTimestampStatus.PermissionDenied, null, filter, errno);
                case EINVAL or EOPNOTSUPP:
                    return new HwTimestampOutcome(HwTimestampStatus.NotSupported, null, filter, errno);
                default:
                    return new HwTimestampOutcome(HwTimestampStatus.Failed, null, filter, errno);
            }
        }

        return last!;
    }

    private static HwTimestampOutcome? ReadBackAny(IHwTimestampControl control, List<HwTimestampRxFilter> candidates, HwTimestampRxFilter first)
    {
        if (control.Get(out var current) != 0 || current.TxType != HwTimestampTxType.On || !candidates.Contains(current.RxFilter))
        {
            return null;
        }

        return new HwTimestampOutcome(HwTimestampStatus.AlreadyConfigured, current, first, EPERM);
    }
}
