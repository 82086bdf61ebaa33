namespace TimeActors.Timing.Server;

/// <summary>Counters of a <see cref="RateLimiter"/> since construction.</summary>
/// <param name="Requests">Requests checked.</param>
/// <param name="Dropped">Requests dropped.</param>
/// <param name="Leaked">Over-limit requests answered by the leak.</param>
/// <param name="Evictions">Client records replaced because their bucket was full.</param>
/// <param name="ClientsTracked">Records in use now (at most the capacity).</param>
public readonly record struct RateLimitStatistics(long Requests, long Dropped, long Leaked, long Evictions, int ClientsTracked);
