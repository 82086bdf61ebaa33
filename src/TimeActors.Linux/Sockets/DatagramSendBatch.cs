using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Preallocated native buffers for one sendmmsg call: per message a payload buffer, a destination
/// sockaddr, an iovec and room for the per-message control data (TX stamp request, stamp id, source
/// address: see <see cref="SendOptions"/>). The caller writes each payload in place
/// (<see cref="NextPayload"/>, then <see cref="Commit"/>) and sends the lot with
/// <see cref="TimestampingUdpSocket.SendBatch"/>; nothing is allocated per message. The server's
/// answers and the load generator's requests share this path, so the generator measures the send
/// code the server runs. Not thread-safe: one batch per sending thread.
/// </summary>
public sealed unsafe class DatagramSendBatch : IDisposable
{
    private const int NameSize = SockaddrIn6Size; // the largest destination we write

    private readonly MessageBlock block;
    private readonly SendOptions[] options;
    private readonly Outcome[] outcomes;

    public DatagramSendBatch(int capacity = 32, int payloadSize = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadSize, 1);
        block = new MessageBlock(capacity, NameSize, TimestampingUdpSocket.SendControlSize, payloadSize);
        options = new SendOptions[capacity];
        outcomes = new Outcome[capacity];
    }

    public int Capacity => block.Capacity;

    public int PayloadSize => block.PayloadSize;

    /// <summary>Messages committed since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>The buffer of the next message, to write its payload into before <see cref="Commit"/>.</summary>
    public Span<byte> NextPayload
    {
        get
        {
            ObjectDisposedException.ThrowIf(block.IsDisposed, this);
            if (IsFull)
            {
                throw new InvalidOperationException($"the batch holds {Capacity} messages");
            }

            return new Span<byte>(block.Payload(Count), PayloadSize);
        }
    }

    /// <summary>
    /// Adds the message whose first <paramref name="length"/> bytes were written into
    /// <see cref="NextPayload"/>, for <paramref name="destination"/>; returns its index.
    /// </summary>
    public int Commit(int length, in InetEndpoint destination, SendOptions sendOptions = default)
    {
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, PayloadSize);
        if (IsFull)
        {
            throw new InvalidOperationException($"the batch holds {Capacity} messages");
        }

        var i = Count;
        var nameLength = destination.WriteSockaddr(new Span<byte>(block.Name(i), block.NameSize));
        block.Link(i, nameLength, length, 0); // the socket writes the control data when it sends
        options[i] = sendOptions;
        outcomes[i] = default;
        Count = i + 1;
        return i;
    }

    /// <summary>After a send: whether message <paramref name="index"/> went out, and its result or errno.</summary>
    public bool TryGetResult(int index, out SendResult result, out int errno)
    {
        CheckIndex(index);
        var outcome = outcomes[index];
        result = outcome.Result;
        errno = outcome.Errno;
        return outcome.Sent;
    }

    /// <summary>
    /// True for the errno values of a message <see cref="TimestampingUdpSocket.SendBatch"/> did not send
    /// that mean "the socket buffer or device queue is full, try later" (EAGAIN, ENOBUFS) rather than
    /// an error of that message (e.g. ECONNREFUSED left by an earlier ICMP).
    /// </summary>
    public static bool IsBufferFull(int errno) => errno is EAGAIN or ENOBUFS;

    /// <summary>Empties the batch for the next round; the buffers are kept.</summary>
    public void Clear() => Count = 0;

    public void Dispose() => block.Dispose();

    internal MMsgHdr* Headers
    {
        get
        {
            ObjectDisposedException.ThrowIf(block.IsDisposed, this);
            return block.Headers;
        }
    }

    internal byte* ControlOf(int index) => block.Control(index);

    internal void SetControlLength(int index, int length) => block.SetControlLength(index, length);

    internal SendOptions GetOptions(int index) => options[index];

    internal void SetPlanned(int index, bool stamped, bool callerId) =>
        outcomes[index] = new Outcome(false, default, 0, stamped, callerId);

    internal void GetPlanned(int index, out bool stamped, out bool callerId)
    {
        stamped = outcomes[index].Stamped;
        callerId = outcomes[index].CallerId;
    }

    internal void SetSent(int index, SendResult result) =>
        outcomes[index] = outcomes[index] with { Sent = true, Result = result };

    internal void SetFailed(int index, int errno) =>
        outcomes[index] = outcomes[index] with { Sent = false, Errno = errno };

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(block.IsDisposed, this);
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {Count} messages");
        }
    }

    private readonly record struct Outcome(bool Sent, SendResult Result, int Errno, bool Stamped, bool CallerId);
}
