namespace TimeActors.Linux.Sockets;

/// <summary>
/// Per-send choices. <paramref name="TxStamp"/>: whether this send is stamped (default: the socket's
/// role decides). <paramref name="TxId"/>: a caller-chosen stamp identifier sent as SCM_TS_OPT_ID where
/// the kernel supports it (Linux 6.13); otherwise the socket's OPT_ID counter numbers the stamp. Either
/// way <see cref="SendResult.TxId"/> is the id the error-queue report will carry.
/// <paramref name="Source"/>: the local address the datagram leaves from (IP_PKTINFO / IPV6_PKTINFO;
/// port ignored), so one socket can send as many clients (the load generator); it needs a socket bound
/// to the wildcard address, and is ignored unless its family is the socket's. Default: the socket's address.
/// </summary>
public readonly record struct SendOptions(
    TxStampRequest TxStamp = TxStampRequest.RoleDefault,
    uint? TxId = null,
    InetEndpoint Source = default);
