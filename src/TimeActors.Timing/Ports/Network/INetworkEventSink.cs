using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports.Network;

/// <summary>Receives what a <see cref="INetworkPort"/> read from its sockets, on the polling thread.</summary>
public interface INetworkEventSink
{
    /// <summary>A datagram arrived (the payload span is valid only during the call).</summary>
    void OnDatagram(in NetworkDatagram datagram);

    /// <summary>A TX stamp of the send whose receipt carried <paramref name="txId"/> on <paramref name="socket"/>.</summary>
    void OnTxStamp(NetworkSocketId socket, uint txId, PacketTimestamp stamp);

    /// <summary>
    /// An error reported on the socket: an ICMP error (<paramref name="offender"/> is the router or host
    /// that sent it) or a pending socket error (offender default).
    /// </summary>
    void OnSocketError(NetworkSocketId socket, int errno, NetworkEndpoint offender);
}
