using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Preallocated native buffers for one sendmmsg call where each message may leave from its own
/// source address: per message a payload buffer, a destination sockaddr and room for an
/// IP(V6)_PKTINFO control message that picks the source address (the load generator's flood from
/// many client addresses; servers use <c>DatagramSendBatch</c> with TX-stamp control data instead). Filled with
/// <see cref="Add"/>, sent with <see cref="Send"/>, reused: the steady-state send path allocates
/// nothing. A chosen source address needs a socket bound to the wildcard address (any local address
/// may be used then; on loopback that is all of 127.0.0.0/8). Not thread-safe: one batch per sender.
/// </summary>
public sealed unsafe class SourceAddressSendBatch : IDisposable
{
    // CMSG_SPACE(sizeof(in6_pktinfo) = 20) = 40 covers CMSG_SPACE(sizeof(in_pktinfo) = 12) = 32.
    private const int ControlSize = 40;
    private const int EFAULT = 14;
    private const int ENOBUFS = 105;

    private readonly MessageBlock block;

    public SourceAddressSendBatch(int capacity = 64, int payloadSize = 2048) =>
        block = new MessageBlock(capacity, SockaddrIn6Size, ControlSize, payloadSize);

    public int Capacity => block.Capacity;

    public int PayloadSize => block.PayloadSize;

    /// <summary>Messages added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>
    /// Appends a message to <paramref name="destination"/> of <paramref name="length"/> bytes and
    /// returns its payload buffer to fill. With <paramref name="source"/> (same family, port ignored)
    /// the datagram leaves from that local address instead of the socket's.
    /// </summary>
    public Span<byte> Add(in InetEndpoint destination, int length, in InetEndpoint source = default)
    {
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"the batch is full ({Capacity} messages)");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, PayloadSize);
        var i = Count++;
        var nameLength = destination.WriteSockaddr(new Span<byte>(block.Name(i), block.NameSize));
        var controlLength = source.Family == destination.Family ? WritePacketInfo(block.Control(i), source) : 0;
        block.Link(i, nameLength, length, controlLength);
        return new Span<byte>(block.Payload(i), length);
    }

    public void Clear() => Count = 0;

    /// <summary>
    /// Sends the batch with sendmmsg without blocking and returns how many messages, from the first,
    /// the kernel took. When that is fewer than <see cref="Count"/>, <paramref name="errno"/> tells
    /// why the next one was not sent: EAGAIN or ENOBUFS (socket buffer full: try later) or the error
    /// of that message (e.g. ECONNREFUSED left by an earlier ICMP); otherwise it is 0. The batch is
    /// cleared afterwards either way.
    /// </summary>
    public int Send(TimestampingUdpSocket socket, out int errno)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        errno = 0;
        var sent = 0;
        var fd = socket.FileDescriptor;
        while (sent < Count)
        {
            var result = Libc.sendmmsg(fd, block.Headers + sent, (uint)(Count - sent), MSG_DONTWAIT);
            if (result > 0)
            {
                sent += result;
                continue;
            }

            errno = Libc.LastError;
            if (errno == EINTR)
            {
                errno = 0;
                continue;
            }

            if (errno is EBADF or EFAULT)
            {
                Count = 0;
                throw new KernelCallException("sendmmsg", errno);
            }

            break;
        }

        Count = 0;
        return sent;
    }

    /// <summary>True for the errno values of <see cref="Send"/> that mean "buffer full, try again later".</summary>
    public static bool IsBufferFull(int errno) => errno is EAGAIN or ENOBUFS;

    public void Dispose() => block.Dispose();

    private static int WritePacketInfo(byte* control, in InetEndpoint source)
    {
        Span<byte> address = stackalloc byte[16];
        source.WriteAddressBytes(address);
        if (source.IsIPv4)
        {
            // struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst; struct in_addr ipi_addr; }
            var space = ControlMessageParser.Space(12);
            new Span<byte>(control, space).Clear();
            *(ulong*)control = (ulong)ControlMessageParser.Length(12);
            *(int*)(control + 8) = SOL_IP;
            *(int*)(control + 12) = IP_PKTINFO;
            address[..4].CopyTo(new Span<byte>(control + ControlMessageParser.HeaderSize + 4, 4));
            return space;
        }

        if (source.IsIPv6)
        {
            // struct in6_pktinfo { struct in6_addr ipi6_addr; int ipi6_ifindex; }
            var space = ControlMessageParser.Space(20);
            new Span<byte>(control, space).Clear();
            *(ulong*)control = (ulong)ControlMessageParser.Length(20);
            *(int*)(control + 8) = SOL_IPV6;
            *(int*)(control + 12) = IPV6_PKTINFO;
            address.CopyTo(new Span<byte>(control + ControlMessageParser.HeaderSize, 16));
            return space;
        }

        return 0;
    }
}
