using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Server;

/// <summary>One listen address of the NTP server (bound from the server settings).</summary>
public sealed record ServerOptions
{
    /// <summary>Address and port to bind (port 0: the kernel picks one, for tests).</summary>
    public required NetworkEndpoint Listen { get; init; }

    /// <summary>
    /// SO_REUSEPORT with a single socket, so other processes can share the port. With more than one
    /// socket (<see cref="Sockets"/>) it is always on: that is how the sockets share the address.
    /// </summary>
    public bool ReusePort { get; init; }

    /// <summary>
    /// Sockets (each with its own thread and batch loop) bound to the listen address with
    /// SO_REUSEPORT; the kernel spreads clients over them by a hash of address and port.
    /// 0: one per CPU the process may use.
    /// </summary>
    public int Sockets { get; init; }

    /// <summary>Bind each socket's thread to its own CPU (round robin over the allowed CPUs).</summary>
    public bool PinThreads { get; init; }

    /// <summary>
    /// Requests read per recvmmsg and answers sent per sendmmsg. 32 (chronyd reads 16): under a
    /// closed-loop load of 64..1024 requests in flight a wake-up finds 1..100 requests, so larger
    /// batches rarely fill; each message costs 2 KiB of preallocated receive buffer per socket.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// SO_RCVBUF of each server socket; null keeps the system default (208 KiB, about 200 requests
    /// with the kernel's per-datagram overhead). Measured on loopback: with the default, 256 or more
    /// requests in flight overflow the buffer while the threads sleep, and a closed-loop client
    /// falls to ~5k replies/s (chronyd: the same); with 2 MiB (4 MiB granted) ours serves
    /// 80..110k/s without loss at 1024 in flight. Hosting sets 2 MiB from <c>server.receive-buffer</c>.
    /// </summary>
    public int? ReceiveBufferBytes { get; init; }

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

    /// <summary>Recent responses remembered for interleaved mode (one table shared by the sockets of the address, about 64 bytes each).</summary>
    public int InterleavedResponses { get; init; } = 65536;

    /// <summary>log2 of our clock's reading precision, served until the first TrackingUpdated (which carries its own).</summary>
    public sbyte PrecisionLog2 { get; init; } = -23;

    /// <summary>First delay before binding again after a failed bind; doubles up to <see cref="ReopenMaxDelay"/>.</summary>
    public TimeSpan ReopenMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between bind attempts while the listen address is missing.</summary>
    public TimeSpan ReopenMaxDelay { get; init; } = TimeSpan.FromSeconds(64);

    /// <summary>The socket count in effect: <see cref="Sockets"/>, or the CPUs available when 0.</summary>
    public int EffectiveSockets => Sockets > 0 ? Sockets : Math.Max(1, Environment.ProcessorCount);
}
