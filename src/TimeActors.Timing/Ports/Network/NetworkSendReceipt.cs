using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// What a send did. <see cref="TxId"/> is the id a later TX stamp for this datagram carries (only
/// meaningful when <see cref="TxStampRequested"/>); <see cref="DaemonTime"/> is the port's clock read
/// just before the send (the daemon-quality TX stamp). <see cref="Errno"/> is non-zero when the send
/// failed (e.g. ECONNREFUSED after an ICMP port unreachable).
/// </summary>
public readonly record struct NetworkSendReceipt(bool Sent, bool TxStampRequested, uint TxId, SystemTime DaemonTime, int Errno);
