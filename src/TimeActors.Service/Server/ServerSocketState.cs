using TimeActors.Actors;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Server;

/// <summary>
/// A server actor's listen socket: whether it is bound now, where, how often it was reopened after
/// its local end broke, how many binds failed (address missing) before succeeding, and how many
/// SO_REUSEPORT sockets serve it now, and the actors serving them (for diagnostics and tests).
/// </summary>
public sealed record ServerSocketState(bool Bound, NetworkEndpoint Endpoint, long Reopened, long OpenFailures, int Sockets = 0, IReadOnlyList<IActorRef>? SocketActors = null);
