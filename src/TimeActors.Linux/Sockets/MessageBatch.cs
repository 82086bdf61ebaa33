using System.Runtime.InteropServices;
using TimeActors.Linux.Native;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Preallocated native buffers for one recvmmsg call: per message a payload buffer, a control buffer
/// and a sockaddr_storage. Reused for every receive, so the steady-state receive path allocates
/// nothing. Not thread-safe: one batch per reading thread.
/// </summary>
public sealed unsafe class MessageBatch : IDisposable
{
    /// <summary>Room for SCM_TIMESTAMPING, SCM_TIMESTAMPING_PKTINFO, IPV6_PKTINFO and IPV6_RECVERR together.</summary>
    public const int DefaultControlSize = 256;

    private readonly byte* memory;
    private readonly MMsgHdr* headers;
    private readonly IoVec* vectors;
    private readonly byte* names;
    private readonly byte* controls;
    private readonly byte* payloads;
    private bool disposed;

    public MessageBatch(int capacity = 16, int payloadSize = 2048, int controlSize = DefaultControlSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadSize);
        ArgumentOutOfRangeException.ThrowIfNegative(controlSize);
        Capacity = capacity;
        PayloadSize = payloadSize;
        ControlSize = ControlMessageParser.Align(controlSize);
        var total = (nuint)capacity * (nuint)(sizeof(MMsgHdr) + sizeof(IoVec) + LinuxConstants.SockaddrStorageSize + ControlSize + ControlMessageParser.Align(payloadSize));
        memory = (byte*)NativeMemory.AlignedAlloc(total, 64);
        NativeMemory.Clear(memory, total);
        headers = (MMsgHdr*)memory;
        vectors = (IoVec*)(headers + capacity);
        names = (byte*)(vectors + capacity);
        controls = names + (capacity * LinuxConstants.SockaddrStorageSize);
        payloads = controls + (capacity * ControlSize);
    }

    ~MessageBatch() => Free();

    public int Capacity { get; }

    public int PayloadSize { get; }

    public int ControlSize { get; }

    /// <summary>Messages filled by the last receive.</summary>
    public int Count { get; internal set; }

    /// <summary>Which queue the last receive read.</summary>
    public ReceiveQueue Queue { get; internal set; }

    public ReadOnlySpan<byte> GetPayload(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)headers[index].Length, PayloadSize);
        return new ReadOnlySpan<byte>(payloads + (index * ControlMessageParser.Align(PayloadSize)), length);
    }

    /// <summary>The datagram length the kernel reported (may exceed the payload buffer with MSG_TRUNC).</summary>
    public int GetLength(int index)
    {
        CheckIndex(index);
        return (int)headers[index].Length;
    }

    public ReadOnlySpan<byte> GetControl(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)headers[index].Header.ControlLength, ControlSize);
        return new ReadOnlySpan<byte>(controls + (index * ControlSize), length);
    }

    public ReceivedMessageFlags GetFlags(int index)
    {
        CheckIndex(index);
        return (ReceivedMessageFlags)headers[index].Header.Flags;
    }

    /// <summary>
    /// The sender for the normal queue. For the error queue it is what the kernel reports (the original
    /// packet's destination, possibly empty); use <see cref="PacketControlData.ExtendedError"/> instead.
    /// </summary>
    public InetEndpoint GetSource(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)headers[index].Header.NameLength, LinuxConstants.SockaddrStorageSize);
        InetEndpoint.TryReadSockaddr(new ReadOnlySpan<byte>(names + (index * LinuxConstants.SockaddrStorageSize), length), out var source);
        return source;
    }

    public void ParseControl(int index, out PacketControlData control) =>
        ControlMessageParser.Parse(GetControl(index), out control);

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Resets the lengths the kernel overwrote and returns the mmsghdr array for the next call.</summary>
    internal MMsgHdr* Prepare()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var payloadStride = ControlMessageParser.Align(PayloadSize);
        for (var i = 0; i < Capacity; i++)
        {
            vectors[i].Base = payloads + (i * payloadStride);
            vectors[i].Length = (nuint)PayloadSize;
            ref var header = ref headers[i].Header;
            header.Name = names + (i * LinuxConstants.SockaddrStorageSize);
            header.NameLength = LinuxConstants.SockaddrStorageSize;
            header.Iov = vectors + i;
            header.IovLength = 1;
            header.Control = controls + (i * ControlSize);
            header.ControlLength = (nuint)ControlSize;
            header.Flags = 0;
            headers[i].Length = 0;
        }

        Count = 0;
        return headers;
    }

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {Count} messages");
        }
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
