using System.Runtime.InteropServices;
using TimeActors.Linux.Native;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Preallocated native buffers for one sendmmsg call: per message a payload buffer, a destination
/// sockaddr, an iovec and room for the per-message control data (TX stamp request, stamp id). The
/// caller writes each payload in place (<see cref="NextPayload"/>, then <see cref="Commit"/>) and
/// sends the lot with <see cref="TimestampingUdpSocket.SendBatch"/>; nothing is allocated per
/// message. Not thread-safe: one batch per sending thread.
/// </summary>
public sealed unsafe class DatagramSendBatch : IDisposable
{
    private const int NameSize = 32; // sockaddr_in6 (28) rounded up

    private readonly byte* memory;
    private readonly MMsgHdr* headers;
    private readonly IoVec* vectors;
    private readonly byte* names;
    private readonly byte* controls;
    private readonly byte* payloads;
    private readonly int payloadStride;
    private readonly SendOptions[] options;
    private readonly Outcome[] outcomes;
    private bool disposed;

    public DatagramSendBatch(int capacity = 32, int payloadSize = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadSize, 1);
        Capacity = capacity;
        PayloadSize = payloadSize;
        payloadStride = ControlMessageParser.Align(payloadSize);
        var total = (nuint)capacity * (nuint)(sizeof(MMsgHdr) + sizeof(IoVec) + NameSize + TimestampingUdpSocket.SendControlSize + payloadStride);
        memory = (byte*)NativeMemory.AlignedAlloc(total, 64);
        NativeMemory.Clear(memory, total);
        headers = (MMsgHdr*)memory;
        vectors = (IoVec*)(headers + capacity);
        names = (byte*)(vectors + capacity);
        controls = names + (capacity * NameSize);
        payloads = controls + (capacity * TimestampingUdpSocket.SendControlSize);
        options = new SendOptions[capacity];
        outcomes = new Outcome[capacity];
    }

    ~DatagramSendBatch() => Free();

    public int Capacity { get; }

    public int PayloadSize { get; }

    /// <summary>Messages committed since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>The buffer of the next message, to write its payload into before <see cref="Commit"/>.</summary>
    public Span<byte> NextPayload
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsFull)
            {
                throw new InvalidOperationException($"the batch holds {Capacity} messages");
            }

            return new Span<byte>(payloads + (Count * payloadStride), PayloadSize);
        }
    }

    /// <summary>
    /// Adds the message whose first <paramref name="length"/> bytes were written into
    /// <see cref="NextPayload"/>, for <paramref name="destination"/>; returns its index.
    /// </summary>
    public int Commit(int length, in InetEndpoint destination, SendOptions sendOptions = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, PayloadSize);
        if (IsFull)
        {
            throw new InvalidOperationException($"the batch holds {Capacity} messages");
        }

        var i = Count;
        var name = names + (i * NameSize);
        var nameLength = destination.WriteSockaddr(new Span<byte>(name, NameSize));
        vectors[i].Base = payloads + (i * payloadStride);
        vectors[i].Length = (nuint)length;
        ref var header = ref headers[i].Header;
        header.Name = name;
        header.NameLength = (uint)nameLength;
        header.Iov = vectors + i;
        header.IovLength = 1;
        header.Control = null;
        header.ControlLength = 0;
        header.Flags = 0;
        headers[i].Length = 0;
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

    /// <summary>Empties the batch for the next round; the buffers are kept.</summary>
    public void Clear() => Count = 0;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    internal MMsgHdr* Headers
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return headers;
        }
    }

    internal byte* ControlOf(int index) => controls + (index * TimestampingUdpSocket.SendControlSize);

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

    private readonly record struct Outcome(bool Sent, SendResult Result, int Errno, bool Stamped, bool CallerId);
}
