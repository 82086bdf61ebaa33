using System.Buffers.Binary;

namespace TimeActors.Linux.Tests;

/// <summary>
/// Builds byte images the way the kernel lays them out on LP64 (little-endian x86_64/arm64), written
/// independently of the production codecs so a layout mistake there cannot hide here.
/// </summary>
internal sealed class KernelBytes
{
    private readonly List<byte> bytes = [];

    public int Length => bytes.Count;

    public byte[] ToArray() => [.. bytes];

    public KernelBytes U8(byte value)
    {
        bytes.Add(value);
        return this;
    }

    public KernelBytes U16(ushort value) => Raw(BitConverter.GetBytes(value));

    public KernelBytes U16BigEndian(ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return Raw(b);
    }

    public KernelBytes I32(int value) => Raw(BitConverter.GetBytes(value));

    public KernelBytes U32(uint value) => Raw(BitConverter.GetBytes(value));

    public KernelBytes I64(long value) => Raw(BitConverter.GetBytes(value));

    public KernelBytes U64(ulong value) => Raw(BitConverter.GetBytes(value));

    public KernelBytes Zeros(int count) => Raw(new byte[count]);

    public KernelBytes Raw(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            bytes.Add(b);
        }

        return this;
    }

    /// <summary>One cmsghdr (size_t len, int level, int type) + data, padded to 8 like CMSG_SPACE.</summary>
    public KernelBytes Cmsg(int level, int type, byte[] data)
    {
        U64((ulong)(16 + data.Length)).I32(level).I32(type).Raw(data);
        var pad = ((data.Length + 7) & ~7) - data.Length;
        return Zeros(pad);
    }

    public static byte[] Timestamping(long sec0, long nsec0, long sec2, long nsec2) =>
        new KernelBytes().I64(sec0).I64(nsec0).I64(0).I64(0).I64(sec2).I64(nsec2).ToArray();
}
