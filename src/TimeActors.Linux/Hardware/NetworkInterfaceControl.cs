using System.Runtime.InteropServices;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Hardware;

/// <summary>
/// Queries and configures one network interface by name (in the calling thread's network
/// namespace): index, ETHTOOL_GET_TS_INFO, link speed, and SIOC[SG]HWTSTAMP.
/// </summary>
public sealed class NetworkInterfaceControl : IHwTimestampControl
{
    public NetworkInterfaceControl(string name)
    {
        LinuxAbi.EnsureSupported();
        InterfaceIoctl.WriteName(stackalloc byte[InterfaceIoctl.IfReqSize], name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>SIOCGIFINDEX.</summary>
    public int GetIndex()
    {
        var errno = InterfaceIoctl.GetIndex(Name, out var index);
        return errno == 0 ? index : throw new KernelCallException($"ioctl(SIOCGIFINDEX, {Name})", errno);
    }

    /// <summary>ETHTOOL_GET_TS_INFO: timestamping capabilities and PHC index.</summary>
    public EthtoolTimestampingInfo GetTimestampingInfo()
    {
        Span<byte> info = stackalloc byte[EthtoolTimestampingInfo.Size];
        EthtoolTimestampingInfo.WriteRequest(info);
        var errno = InterfaceIoctl.WithData(Name, SIOCETHTOOL, info);
        return errno == 0 ? EthtoolTimestampingInfo.Read(info) : throw new KernelCallException($"ioctl(ETHTOOL_GET_TS_INFO, {Name})", errno);
    }

    /// <summary>
    /// Link speed in Mb/s via ETHTOOL_GLINKSETTINGS (falling back to ETHTOOL_GSET), or null when the
    /// driver does not report one (SPEED_UNKNOWN, no ethtool link support such as lo).
    /// </summary>
    public int? GetLinkSpeedMbps()
    {
        // Handshake: nwords 0 asks the kernel for the mask size (returned negated), then ask again.
        Span<byte> header = stackalloc byte[EthtoolLinkSpeed.LinkSettingsHeaderSize];
        header.Clear();
        MemoryMarshal.Write(header, ETHTOOL_GLINKSETTINGS);
        var errno = InterfaceIoctl.WithData(Name, SIOCETHTOOL, header);
        if (errno == 0)
        {
            var nwords = -EthtoolLinkSpeed.ReadNwords(header);
            if (nwords > 0)
            {
                Span<byte> full = stackalloc byte[EthtoolLinkSpeed.LinkSettingsHeaderSize + (3 * nwords * 4)];
                full.Clear();
                MemoryMarshal.Write(full, ETHTOOL_GLINKSETTINGS);
                full[EthtoolLinkSpeed.NwordsOffset] = (byte)(sbyte)nwords;
                errno = InterfaceIoctl.WithData(Name, SIOCETHTOOL, full);
                if (errno == 0)
                {
                    return EthtoolLinkSpeed.ReadLinkSettingsSpeedMbps(full);
                }
            }
        }

        Span<byte> cmd = stackalloc byte[EthtoolLinkSpeed.CmdSize];
        cmd.Clear();
        MemoryMarshal.Write(cmd, ETHTOOL_GSET);
        errno = InterfaceIoctl.WithData(Name, SIOCETHTOOL, cmd);
        return errno switch
        {
            0 => EthtoolLinkSpeed.ReadCmdSpeedMbps(cmd),
            EOPNOTSUPP or EINVAL => null,
            _ => throw new KernelCallException($"ioctl(ETHTOOL_GSET, {Name})", errno),
        };
    }

    /// <summary>Turns hardware timestamping on with the default policy of <see cref="HwTimestampSetup"/>.</summary>
    public HwTimestampOutcome EnableHardwareTimestamping()
    {
        EthtoolTimestampingInfo? info = null;
        try
        {
            info = GetTimestampingInfo();
        }
        catch (KernelCallException)
        {
            // Without ETHTOOL_GET_TS_INFO every candidate filter is simply tried.
        }

        return HwTimestampSetup.Enable(this, info);
    }

    public int Set(HwTimestampConfig requested, out HwTimestampConfig actual)
    {
        Span<byte> config = stackalloc byte[HwTimestampConfig.Size];
        requested.Write(config);
        var errno = InterfaceIoctl.WithData(Name, SIOCSHWTSTAMP, config);
        actual = errno == 0 ? HwTimestampConfig.Read(config) : default;
        return errno;
    }

    public int Get(out HwTimestampConfig current)
    {
        Span<byte> config = stackalloc byte[HwTimestampConfig.Size];
        config.Clear();
        var errno = InterfaceIoctl.WithData(Name, SIOCGHWTSTAMP, config);
        current = errno == 0 ? HwTimestampConfig.Read(config) : default;
        return errno;
    }
}
