using System.Net;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.server</c>: where and to whom the service serves time. No listen address: no server.</summary>
public sealed record ServerSettings
{
    /// <summary>One server actor per endpoint (port already filled in from <c>server.port</c> where not written).</summary>
    public ValueList<IPEndPoint> Listen { get; init; } = ValueList<IPEndPoint>.Empty;

    /// <summary>allow rules then deny rules, in that order (the longest prefix decides; see <see cref="AccessControlList"/>).</summary>
    public ValueList<AccessRule> AccessRules { get; init; } = ValueList<AccessRule>.Empty;

    /// <summary>Per-client rate limit, or null when off.</summary>
    public RateLimitSettings? RateLimit { get; init; }

    /// <summary>SO_REUSEPORT sockets (each with its own pinned thread) per listen address; 0: one per CPU.</summary>
    public int Threads { get; init; }

    /// <summary>Bind each socket's thread to one CPU (round robin over the allowed CPUs).</summary>
    public bool PinThreads { get; init; }

    /// <summary>SO_RCVBUF of each server socket in bytes; 0: the system default.</summary>
    public int ReceiveBufferBytes { get; init; }

    /// <summary>Recent responses remembered for interleaved mode per listen address (a fixed table).</summary>
    public int InterleavedResponses { get; init; } = 65536;

    public bool Enabled => Listen.Count > 0;

    /// <summary>The access list the server actors check (nobody is served unless allowed).</summary>
    public AccessControlList BuildAccessControl() => new(AccessRules);
}
