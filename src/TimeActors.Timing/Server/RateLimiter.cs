using TimeActors.Timing.Time;

namespace TimeActors.Timing.Server;

/// <summary>
/// Per-client token buckets for the NTP server (chrony's <c>ratelimit</c>: interval, burst, leak).
/// <para>
/// Memory: a fixed table of <see cref="RateLimitSettings.Capacity"/> records allocated once, as
/// buckets of <see cref="BucketSize"/> records. A client maps to one bucket through a hash keyed
/// with a secret chosen by the caller (random at start-up), so an attacker cannot aim addresses at
/// a victim's bucket. Eviction: when a bucket is full the record with the oldest last request
/// (ties: fewest requests) is replaced; the newcomer starts with a full allowance, which is the
/// price of bounded memory (chrony's clientlog does the same once its memory limit is reached).
/// </para>
/// <para>
/// Cost: O(1) per request (one hash, at most <see cref="BucketSize"/> comparisons), no allocation.
/// </para>
/// <para>
/// Concurrency: safe for many server threads at once. Buckets are guarded by striped locks (one
/// lock per group of buckets, a short critical section with no calls out); different clients
/// rarely contend. Counters are updated with <see cref="Interlocked"/>.
/// </para>
/// <para>
/// Pure: time comes in with each request (the RX stamp). Time going backwards adds no tokens. The
/// leak's coin flips are derived from the secret key and the record's state, so a run is
/// reproducible from its inputs.
/// </para>
/// </summary>
public sealed class RateLimiter
{
    /// <summary>Records per hash bucket.</summary>
    public const int BucketSize = 8;

    private const int MaxStripes = 256;

    private readonly Record[] _records;
    private readonly Lock[] _stripes;
    private readonly int _bucketMask;
    private readonly int _stripeMask;
    private readonly ulong _key0;
    private readonly ulong _key1;
    private readonly long _costNs;
    private readonly long _maxTokensNs;
    private readonly ulong _leakMask;

    private long _requests;
    private long _dropped;
    private long _leaked;
    private long _evictions;
    private int _tracked;

    public RateLimiter(RateLimitSettings settings, ulong hashKey0, ulong hashKey1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _records = new Record[settings.Capacity];
        var buckets = settings.Capacity / BucketSize;
        _bucketMask = buckets - 1;
        var stripes = Math.Min(buckets, MaxStripes);
        _stripeMask = stripes - 1;
        _stripes = new Lock[stripes];
        for (var i = 0; i < stripes; i++)
            _stripes[i] = new Lock();
        _key0 = hashKey0;
        _key1 = hashKey1;
        _costNs = settings.IntervalLog2 >= 0
            ? 1_000_000_000L << settings.IntervalLog2
            : Math.Max(1, 1_000_000_000L >> -settings.IntervalLog2);
        _maxTokensNs = _costNs * settings.Burst;
        _leakMask = (1UL << settings.LeakLog2) - 1;
    }

    public RateLimitSettings Settings { get; }

    public RateLimitStatistics Statistics =>
        new(Interlocked.Read(ref _requests), Interlocked.Read(ref _dropped), Interlocked.Read(ref _leaked),
            Interlocked.Read(ref _evictions), Volatile.Read(ref _tracked));

    /// <summary>Accounts a request from <paramref name="client"/> received at <paramref name="now"/>.</summary>
    public RateLimitVerdict Check(in ClientAddress client, SystemTime now)
    {
        Interlocked.Increment(ref _requests);
        var bucket = (int)(Hash(client) & (ulong)_bucketMask);
        var nowNs = now.UnixNanoseconds;
        RateLimitVerdict verdict;

        lock (_stripes[bucket & _stripeMask])
        {
            ref var record = ref FindOrClaim(bucket * BucketSize, client, nowNs);
            var elapsed = nowNs - record.LastRequestNs;
            if (elapsed > 0)
                record.Tokens = Math.Min(_maxTokensNs, record.Tokens + Math.Min(elapsed, _maxTokensNs));
            if (elapsed > 0 || record.Requests == 0)
                record.LastRequestNs = nowNs;
            if (record.Requests < uint.MaxValue)
                record.Requests++;

            if (record.Tokens >= _costNs)
            {
                record.Tokens -= _costNs;
                verdict = RateLimitVerdict.Allowed;
            }
            else if ((Mix(_key1 ^ record.Drops ^ ((ulong)record.Requests << 32) ^ (ulong)nowNs) & _leakMask) == 0)
            {
                // Answering spends whatever accrued, so leaked answers cannot outpace the limit.
                record.Tokens = 0;
                verdict = RateLimitVerdict.Leaked;
            }
            else
            {
                record.Drops++;
                verdict = RateLimitVerdict.Dropped;
            }
        }

        if (verdict == RateLimitVerdict.Dropped)
            Interlocked.Increment(ref _dropped);
        else if (verdict == RateLimitVerdict.Leaked)
            Interlocked.Increment(ref _leaked);
        return verdict;
    }

    private ref Record FindOrClaim(int first, in ClientAddress client, long nowNs)
    {
        var victim = -1;
        for (var i = first; i < first + BucketSize; i++)
        {
            ref var r = ref _records[i];
            if (r.Requests == 0)
            {
                Interlocked.Increment(ref _tracked);
                return ref Claim(ref r, client);
            }

            if (r.Address == client.Value)
                return ref r;

            if (victim < 0 || IsOlder(r, _records[victim]))
                victim = i;
        }

        Interlocked.Increment(ref _evictions);
        return ref Claim(ref _records[victim], client);
    }

    private static bool IsOlder(in Record a, in Record b) =>
        a.LastRequestNs < b.LastRequestNs || (a.LastRequestNs == b.LastRequestNs && a.Requests < b.Requests);

    private ref Record Claim(ref Record r, in ClientAddress client)
    {
        r = new Record { Address = client.Value, Tokens = _maxTokensNs };
        return ref r;
    }

    private ulong Hash(in ClientAddress client) =>
        Mix(Mix((ulong)(client.Value >> 64) ^ _key0) ^ (ulong)client.Value) ^ _key1;

    // SplitMix64 finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private struct Record
    {
        public UInt128 Address;
        public long LastRequestNs;
        public long Tokens;
        public uint Requests;
        public uint Drops;
    }
}
