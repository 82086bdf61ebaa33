using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Network;

/// <summary>Interface actor → socket owner: the TX stamp of the send whose receipt carried <paramref name="TxId"/>.</summary>
public sealed record TxStamp(NetworkSocketId Socket, uint TxId, PacketTimestamp Stamp);
