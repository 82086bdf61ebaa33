using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Server;

/// <summary>
/// The server's memory for interleaved mode: per client address, the receive field of our last
/// response (our RX stamp of the client's last request, as sent) and the best TX stamp of that
/// response. Bounded: when full, the entry inserted longest ago is evicted (FIFO over insertion), so
/// a flood of new addresses costs a client at most one basic-mode answer, never unbounded memory.
/// Allocation-free after construction.
/// </summary>
public sealed class InterleavedClientTable
{
    private readonly Entry[] _entries;
    private readonly Dictionary<ClientAddress, int> _index;
    private int _count;
    private int _nextEviction;

    public InterleavedClientTable(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry[capacity];
        _index = new Dictionary<ClientAddress, int>(capacity);
    }

    public int Capacity => _entries.Length;

    public int Count => _count;

    public long Evictions { get; private set; }

    /// <summary>
    /// The TX stamp of our previous response to <paramref name="client"/>, if <paramref name="origin"/>
    /// (the request's origin field) equals that response's receive field - the sign of an interleaved request.
    /// </summary>
    public bool TryGetPreviousTransmit(ClientAddress client, NtpTimestamp origin, out PacketTimestamp previousTx)
    {
        if (_index.TryGetValue(client, out int slot) && _entries[slot].ReceiveField == origin)
        {
            previousTx = _entries[slot].Transmit;
            return true;
        }

        previousTx = default;
        return false;
    }

    /// <summary>Records a response just sent: its receive field and its (daemon) TX time.</summary>
    public void Record(ClientAddress client, NtpTimestamp receiveField, PacketTimestamp transmit)
    {
        if (!_index.TryGetValue(client, out int slot))
        {
            if (_count < _entries.Length)
            {
                slot = _count++;
            }
            else
            {
                slot = _nextEviction;
                _nextEviction = (_nextEviction + 1) % _entries.Length;
                _index.Remove(_entries[slot].Client);
                Evictions++;
            }

            _index[client] = slot;
        }

        _entries[slot] = new Entry(client, receiveField, transmit);
    }

    /// <summary>
    /// A kernel or hardware TX stamp of the response whose receive field is <paramref name="receiveField"/>:
    /// kept if it is better and 0..1 s after the current one (the same rule the client applies).
    /// </summary>
    public bool UpdateTransmit(ClientAddress client, NtpTimestamp receiveField, PacketTimestamp stamp)
    {
        if (!_index.TryGetValue(client, out int slot) || _entries[slot].ReceiveField != receiveField)
        {
            return false;
        }

        PacketTimestamp current = _entries[slot].Transmit;
        TimeInterval later = stamp.Time - current.Time;
        if (stamp.Source <= current.Source || later < TimeInterval.Zero || later > TimeInterval.FromSeconds(1))
        {
            return false;
        }

        _entries[slot] = _entries[slot] with { Transmit = stamp };
        return true;
    }

    private readonly record struct Entry(ClientAddress Client, NtpTimestamp ReceiveField, PacketTimestamp Transmit);
}
