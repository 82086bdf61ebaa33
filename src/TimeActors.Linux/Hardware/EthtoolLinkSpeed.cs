using System.Runtime.InteropServices;

namespace TimeActors.Linux.Hardware;

/// <summary>
/// Link speed from ETHTOOL_GLINKSETTINGS (struct ethtool_link_settings: u32 speed at offset 4) or the
/// legacy ETHTOOL_GSET (struct ethtool_cmd: u16 speed at 12, u16 speed_hi at 28). SPEED_UNKNOWN
/// (0xFFFFFFFF, e.g. link down or virtio) and 0 map to null rather than a bogus huge or negative rate.
/// </summary>
public static class EthtoolLinkSpeed
{
    public const int LinkSettingsHeaderSize = 48;
    public const int CmdSize = 44;
    public const uint SpeedUnknown = 0xFFFF_FFFF;

    /// <summary>link_mode_masks_nwords: negative in the kernel's answer to the size handshake.</summary>
    public const int NwordsOffset = 15;

    public static int? ReadLinkSettingsSpeedMbps(ReadOnlySpan<byte> source) => Normalize(MemoryMarshal.Read<uint>(source[4..]));

    public static int? ReadCmdSpeedMbps(ReadOnlySpan<byte> source) =>
        Normalize(((uint)MemoryMarshal.Read<ushort>(source[28..]) << 16) | MemoryMarshal.Read<ushort>(source[12..]));

    /// <summary>The handshake answer: the kernel returns -nwords; the second call passes +nwords.</summary>
    public static int ReadNwords(ReadOnlySpan<byte> source) => (sbyte)source[NwordsOffset];

    private static int? Normalize(uint speed) => speed is 0 or SpeedUnknown || speed > int.MaxValue ? null : (int)speed;
}
