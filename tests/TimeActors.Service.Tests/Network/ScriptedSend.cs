using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network;

/// <summary>A datagram sent through a <see cref="ScriptedNetworkPort"/>.</summary>
public sealed record ScriptedSend(NetworkSocketId Socket, NetworkEndpoint Destination, byte[] Payload, uint TxId, SystemTime Time);
