using System.Runtime.InteropServices;
using TimeActors.Linux.Native;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// The native memory behind a recvmmsg or sendmmsg batch: one aligned block laid out as
/// mmsghdr[] + iovec[] + sockaddr[] + control[] + payload[], <see cref="Capacity"/> of each. The
/// kernel reads and writes it directly, so it must not move; one allocation per batch (made once and
/// reused) keeps the packet path free of allocations. The batch types keep the per-message
/// bookkeeping; this type owns the layout and the memory's lifetime. Accessors do not check
/// <see cref="IsDisposed"/>: the owning batch checks it once per call, naming itself in the exception.
/// </summary>
internal sealed unsafe class MessageBlock : IDisposable
{
    private readonly byte* memory;
    private readonly MMsgHdr* headers;
    private readonly IoVec* vectors;
    private readonly byte* names;
    private readonly byte* controls;
    private readonly byte* payloads;
    private readonly int payloadStride;
    private bool disposed;

    /// <param name="capacity">Messages per batch.</param>
    /// <param name="nameSize">Room for one sockaddr (rounded up to 8).</param>
    /// <param name="controlSize">Room for one message's control data (rounded up to 8: cmsghdr alignment).</param>
    /// <param name="payloadSize">Room for one datagram.</param>
    public MessageBlock(int capacity, int nameSize, int controlSize, int payloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nameSize);
        ArgumentOutOfRangeException.ThrowIfNegative(controlSize);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadSize);
        Capacity = capacity;
        NameSize = ControlMessageParser.Align(nameSize);
        ControlSize = ControlMessageParser.Align(controlSize);
        PayloadSize = payloadSize;
        payloadStride = ControlMessageParser.Align(payloadSize);
        var total = (nuint)capacity * (nuint)(sizeof(MMsgHdr) + sizeof(IoVec) + NameSize + ControlSize + payloadStride);
        memory = (byte*)NativeMemory.AlignedAlloc(total, 64);
        NativeMemory.Clear(memory, total);
        headers = (MMsgHdr*)memory;
        vectors = (IoVec*)(headers + capacity);
        names = (byte*)(vectors + capacity);
        controls = names + (capacity * NameSize);
        payloads = controls + (capacity * ControlSize);
    }

    // A batch its owner forgot to dispose must not leak the block.
    ~MessageBlock() => Free();

    public int Capacity { get; }

    public int NameSize { get; }

    public int ControlSize { get; }

    public int PayloadSize { get; }

    public bool IsDisposed => disposed;

    /// <summary>The mmsghdr array, for recvmmsg/sendmmsg.</summary>
    public MMsgHdr* Headers => headers;

    public byte* Name(int index) => names + (index * NameSize);

    public byte* Control(int index) => controls + (index * ControlSize);

    public byte* Payload(int index) => payloads + (index * payloadStride);

    /// <summary>
    /// Points message <paramref name="index"/>'s header at its own sockaddr, iovec, payload and
    /// control buffers, with the given lengths (0: none), and zeroes what the kernel reports back.
    /// </summary>
    public void Link(int index, int nameLength, int payloadLength, int controlLength)
    {
        vectors[index].Base = Payload(index);
        vectors[index].Length = (nuint)payloadLength;
        ref var header = ref headers[index].Header;
        header.Name = nameLength > 0 ? Name(index) : null;
        header.NameLength = (uint)nameLength;
        header.Iov = vectors + index;
        header.IovLength = 1;
        SetControlLength(index, controlLength);
        header.Flags = 0;
        headers[index].Length = 0;
    }

    /// <summary>Sets how much of message <paramref name="index"/>'s control buffer is in use (0: none).</summary>
    public void SetControlLength(int index, int controlLength)
    {
        ref var header = ref headers[index].Header;
        header.Control = controlLength > 0 ? Control(index) : null;
        header.ControlLength = (nuint)controlLength;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (!disposed)
        {
            disposed = true;
            NativeMemory.AlignedFree(memory);
        }
    }
}
