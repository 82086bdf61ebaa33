using System.Runtime.InteropServices;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// struct epoll_event differs between the supported ABIs: x86_64 declares it packed (12 bytes, data
/// at offset 4), arm64 uses natural alignment (16 bytes, data at offset 8).
/// </summary>
public readonly record struct EpollEventLayout(int Size, int DataOffset)
{
    public static EpollEventLayout X64 { get; } = new(12, 4);

    public static EpollEventLayout Arm64 { get; } = new(16, 8);

    public static EpollEventLayout For(Architecture architecture) => architecture switch
    {
        Architecture.X64 => X64,
        Architecture.Arm64 => Arm64,
        _ => throw new PlatformNotSupportedException($"no epoll_event layout for {architecture}"),
    };

    public static EpollEventLayout Current => For(RuntimeInformation.ProcessArchitecture);

    public void Write(Span<byte> destination, PollEvents events, ulong data)
    {
        destination[..Size].Clear();
        MemoryMarshal.Write(destination, (uint)events);
        MemoryMarshal.Write(destination[DataOffset..], data);
    }

    public (PollEvents Events, ulong Data) Read(ReadOnlySpan<byte> source) =>
        ((PollEvents)MemoryMarshal.Read<uint>(source), MemoryMarshal.Read<ulong>(source[DataOffset..]));
}
