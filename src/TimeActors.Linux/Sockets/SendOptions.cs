namespace TimeActors.Linux.Sockets;

/// <summary>
/// Per-send choices. <paramref name="TxStamp"/>: whether this send is stamped (default: the socket's
/// role decides). <paramref name="TxId"/>: a caller-chosen stamp identifier sent as SCM_TS_OPT_ID where
/// the kernel supports it (Linux 6.13); otherwise the socket's OPT_ID counter numbers the stamp. Either
/// way <see cref="SendResult.TxId"/> is the id the error-queue report will carry.
/// </summary>
public readonly record struct SendOptions(TxStampRequest TxStamp = TxStampRequest.RoleDefault, uint? TxId = null);
