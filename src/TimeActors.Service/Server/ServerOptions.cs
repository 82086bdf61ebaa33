using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Server;

/// <summary>One listen address of the NTP server (bound from the server settings).</summary>
public sealed record ServerOptions
{
    /// <summary>Address and port to bind (port 0: the kernel picks one, for tests).</summary>
    public required NetworkEndpoint Listen { get; init; }

    /// <summary>SO_REUSEPORT, so several server sockets (or processes) can share the port.</summary>
    public bool ReusePort { get; init; }

    /// <summary>allow/deny rules in order; with no matching rule a client is denied.</summary>
    public IReadOnlyList<AccessRule> Access { get; init; } = [];

    /// <summary>Per-client rate limit; null turns rate limiting off.</summary>
    public RateLimitSettings? RateLimit { get; init; } = RateLimitSettings.Default;

    /// <summary>Answer a rate-limited request with a RATE kiss-o'-death instead of dropping it.</summary>
    public bool RateLimitKissOfDeath { get; init; }

    /// <summary>
    /// Request a kernel/hardware TX stamp for every response, not only for interleaved ones. Costs NIC
    /// stamping capacity for basic clients; in exchange an xleave client's first interleaved response
    /// already carries a kernel stamp instead of the daemon time of the basic response before it.
    /// </summary>
    public bool StampAllResponses { get; init; }

    /// <summary>Clients remembered for interleaved mode.</summary>
    public int InterleavedClients { get; init; } = 4096;

    /// <summary>log2 of our clock's reading precision, served until the first TrackingUpdated (which carries its own).</summary>
    public sbyte PrecisionLog2 { get; init; } = -23;
}
