using System.Security.Cryptography;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Server;

/// <summary>
/// The server's memory for interleaved mode: per recent response, the client address, the receive
/// field (our RX stamp of the request, as sent, low bit set) and the best TX stamp of that response.
/// An interleaved request names its previous response by echoing that receive field as its origin,
/// so entries are keyed by address and receive field together, like chrony's map of NTP timestamps:
/// many clients behind one address (NAT, or a load generator on the same host) do not overwrite
/// each other, and a flood from one address spreads over the whole table instead of churning one
/// bucket.
/// <para>
/// Shared by all sockets of a listen address, because a client that opens a new socket per request
/// (chronyd without <c>acquisitionport</c>) lands on a different SO_REUSEPORT socket each time, while
/// the TX stamp of the previous answer arrives on the socket that sent it.
/// </para>
/// <para>
/// Bounded and allocation-free after construction: a fixed array of buckets of
/// <see cref="BucketSize"/> entries, a response mapped to one bucket by a hash of address and receive
/// field keyed with a random secret (so a flood cannot aim at one client's bucket). When a bucket is
/// full the entry answered longest ago is replaced: the table holds about the last
/// <see cref="Capacity"/> responses, and a flood costs a client at most one basic-mode answer per
/// eviction, never unbounded memory.
/// </para>
/// <para>
/// Thread-safe: buckets are guarded by striped locks (one short critical section per call, no calls
/// out), counters by <see cref="Interlocked"/>. Different clients rarely contend.
/// </para>
/// </summary>
public sealed class InterleavedClientTable
{
    /// <summary>Entries per hash bucket (fewer when the capacity is smaller).</summary>
    public const int BucketSize = 4;

    private const int MaxStripes = 256;

    private readonly Entry[] _entries;
    private readonly Lock[] _stripes;
    private readonly int _bucketSize;
    private readonly int _bucketMask;
    private readonly int _stripeMask;
    private readonly ulong _key0;
    private readonly ulong _key1;
    private int _count;
    private long _evictions;

    /// <summary>A table for at least <paramref name="capacity"/> responses (rounded up to whole, power-of-two buckets).</summary>
    public InterleavedClientTable(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bucketSize = Math.Min(BucketSize, capacity);
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((capacity + _bucketSize - 1) / _bucketSize));
        _bucketMask = buckets - 1;
        _entries = new Entry[buckets * _bucketSize];
        int stripes = Math.Min(buckets, MaxStripes);
        _stripeMask = stripes - 1;
        _stripes = new Lock[stripes];
        for (int i = 0; i < stripes; i++)
        {
            _stripes[i] = new Lock();
        }

        Span<byte> key = stackalloc byte[16];
        RandomNumberGenerator.Fill(key);
        _key0 = BitConverter.ToUInt64(key);
        _key1 = BitConverter.ToUInt64(key[8..]);
    }

    /// <summary>Responses the table can hold.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Responses held now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Entries replaced because their bucket was full.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>
    /// The TX stamp of our previous response to <paramref name="client"/>, if <paramref name="origin"/>
    /// (the request's origin field) equals that response's receive field - the sign of an interleaved request.
    /// </summary>
    public bool TryGetPreviousTransmit(ClientAddress client, NtpTimestamp origin, out PacketTimestamp previousTx)
    {
        int bucket = Bucket(client, origin);
        lock (_stripes[bucket & _stripeMask])
        {
            int slot = Find(bucket, client, origin);
            if (slot >= 0)
            {
                previousTx = _entries[slot].Transmit;
                return true;
            }
        }

        previousTx = default;
        return false;
    }

    /// <summary>Records a response just sent: its receive field and its (daemon) TX time.</summary>
    public void Record(ClientAddress client, NtpTimestamp receiveField, PacketTimestamp transmit)
    {
        int bucket = Bucket(client, receiveField);
        lock (_stripes[bucket & _stripeMask])
        {
            int first = bucket * _bucketSize;
            int slot = -1;
            int oldest = first;
            for (int i = first; i < first + _bucketSize; i++)
            {
                ref Entry e = ref _entries[i];
                if (!e.Used)
                {
                    if (slot < 0)
                    {
                        slot = i; // keep looking: the client may sit further on
                    }

                    continue;
                }

                if (e.Client == client.Value && e.ReceiveField == receiveField)
                {
                    slot = i;
                    break;
                }

                if (_entries[oldest].Used && e.Transmit.Time < _entries[oldest].Transmit.Time)
                {
                    oldest = i;
                }
            }

            if (slot < 0)
            {
                slot = oldest;
                Interlocked.Increment(ref _evictions);
            }
            else if (!_entries[slot].Used)
            {
                Interlocked.Increment(ref _count);
            }

            _entries[slot] = new Entry(true, client.Value, receiveField, transmit);
        }
    }

    /// <summary>
    /// A kernel or hardware TX stamp of the response whose receive field is <paramref name="receiveField"/>:
    /// kept if it is better and 0..1 s after the current one (the same rule the client applies).
    /// </summary>
    public bool UpdateTransmit(ClientAddress client, NtpTimestamp receiveField, PacketTimestamp stamp)
    {
        int bucket = Bucket(client, receiveField);
        lock (_stripes[bucket & _stripeMask])
        {
            int slot = Find(bucket, client, receiveField);
            if (slot < 0)
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
    }

    private int Find(int bucket, ClientAddress client, NtpTimestamp receiveField)
    {
        int first = bucket * _bucketSize;
        for (int i = first; i < first + _bucketSize; i++)
        {
            if (_entries[i].Used && _entries[i].Client == client.Value && _entries[i].ReceiveField == receiveField)
            {
                return i;
            }
        }

        return -1;
    }

    private int Bucket(ClientAddress client, NtpTimestamp receiveField) =>
        (int)(Mix(Mix(Mix((ulong)(client.Value >> 64) ^ _key0) ^ (ulong)client.Value ^ _key1) ^ receiveField.Raw) & (ulong)_bucketMask);

    // SplitMix64 finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private readonly record struct Entry(bool Used, UInt128 Client, NtpTimestamp ReceiveField, PacketTimestamp Transmit);
}
