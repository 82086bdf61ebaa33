namespace TimeActors.Service.Network;

/// <summary>What an interface's poll loop delivered; <see cref="Unrouted"/> events had no owner (socket just closed).</summary>
public readonly record struct InterfaceCounters(long Datagrams, long TxStamps, long Errors, long Unrouted);
