using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Network;

/// <summary>Interface actor → socket owner: a datagram with its best receive stamp (hardware stamps already in system time).</summary>
public sealed record RxPacket(NetworkSocketId Socket, NetworkEndpoint Remote, NetworkEndpoint Local, int InterfaceIndex, byte[] Payload, PacketTimestamp RxStamp);
