namespace TimeActors.Timing.Server;

/// <summary>
/// Per-client response rate limit in the manner of chrony's <c>ratelimit</c> directive (defaults are
/// chrony's: interval 3, burst 8, leak 2).
/// </summary>
public sealed record RateLimitSettings
{
    /// <summary>log2 of the minimum mean interval between responses to one client, in seconds (-19..12).</summary>
    public int IntervalLog2 { get; init; } = 3;

    /// <summary>Responses a client may get back to back after being quiet (1..255).</summary>
    public int Burst { get; init; } = 8;

    /// <summary>
    /// log2 of how many over-limit requests share one answer anyway (1..4): a spoofed flood must
    /// never silence the real owner of an address completely.
    /// </summary>
    public int LeakLog2 { get; init; } = 2;

    /// <summary>
    /// Client records kept (a power of two, at least <see cref="RateLimiter.BucketSize"/>). Memory is
    /// fixed at construction: about 40 bytes per record.
    /// </summary>
    public int Capacity { get; init; } = 1 << 14;

    public static RateLimitSettings Default { get; } = new();

    internal void Validate()
    {
        if (IntervalLog2 is < -19 or > 12)
            throw new ArgumentOutOfRangeException(nameof(IntervalLog2), IntervalLog2, "ratelimit interval must be in -19..12.");
        if (Burst is < 1 or > 255)
            throw new ArgumentOutOfRangeException(nameof(Burst), Burst, "ratelimit burst must be in 1..255.");
        if (LeakLog2 is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(LeakLog2), LeakLog2, "ratelimit leak must be in 1..4.");
        if (Capacity < RateLimiter.BucketSize || (Capacity & (Capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, $"capacity must be a power of two >= {RateLimiter.BucketSize}.");
    }
}
