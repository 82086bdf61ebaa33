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

    private readonly MessageBlock block;

    public MessageBatch(int capacity = 16, int payloadSize = 2048, int controlSize = DefaultControlSize) =>
        block = new MessageBlock(capacity, LinuxConstants.SockaddrStorageSize, controlSize, payloadSize);

    public int Capacity => block.Capacity;

    public int PayloadSize => block.PayloadSize;

    public int ControlSize => block.ControlSize;

    /// <summary>Messages filled by the last receive.</summary>
    public int Count { get; internal set; }

    /// <summary>Which queue the last receive read.</summary>
    public ReceiveQueue Queue { get; internal set; }

    public ReadOnlySpan<byte> GetPayload(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)block.Headers[index].Length, PayloadSize);
        return new ReadOnlySpan<byte>(block.Payload(index), length);
    }

    /// <summary>The datagram length the kernel reported (may exceed the payload buffer with MSG_TRUNC).</summary>
    public int GetLength(int index)
    {
        CheckIndex(index);
        return (int)block.Headers[index].Length;
    }

    public ReadOnlySpan<byte> GetControl(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)block.Headers[index].Header.ControlLength, ControlSize);
        return new ReadOnlySpan<byte>(block.Control(index), length);
    }

    public ReceivedMessageFlags GetFlags(int index)
    {
        CheckIndex(index);
        return (ReceivedMessageFlags)block.Headers[index].Header.Flags;
    }

    /// <summary>
    /// The sender for the normal queue. For the error queue it is what the kernel reports (the original
    /// packet's destination, possibly empty); use <see cref="PacketControlData.ExtendedError"/> instead.
    /// </summary>
    public InetEndpoint GetSource(int index)
    {
        CheckIndex(index);
        var length = Math.Min((int)block.Headers[index].Header.NameLength, block.NameSize);
        InetEndpoint.TryReadSockaddr(new ReadOnlySpan<byte>(block.Name(index), length), out var source);
        return source;
    }

    public void ParseControl(int index, out PacketControlData control) =>
        ControlMessageParser.Parse(GetControl(index), out control);

    public void Dispose() => block.Dispose();

    /// <summary>Resets the lengths the kernel overwrote and returns the mmsghdr array for the next call.</summary>
    internal MMsgHdr* Prepare()
    {
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        for (var i = 0; i < Capacity; i++)
        {
            block.Link(i, block.NameSize, PayloadSize, ControlSize);
        }

        Count = 0;
        return block.Headers;
    }

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {Count} messages");
        }
    }
}
