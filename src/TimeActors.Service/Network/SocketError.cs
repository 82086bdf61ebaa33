using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Network;

/// <summary>Interface actor → socket owner: an ICMP error (from <paramref name="Offender"/>) or a pending socket error.</summary>
public sealed record SocketError(NetworkSocketId Socket, int Errno, NetworkEndpoint Offender);
