using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// One received datagram as a port reports it to its sink. A ref struct: <see cref="Payload"/> is a
/// view into the port's receive buffer, valid only during the sink call (copy what must be kept).
/// </summary>
/// <param name="Socket">The socket it arrived on.</param>
/// <param name="Remote">Sender's address and port.</param>
/// <param name="Local">Our address it was sent to (IP_PKTINFO), or default when unknown.</param>
/// <param name="InterfaceIndex">Interface it arrived on, 0 when unknown.</param>
/// <param name="Payload">The UDP payload.</param>
/// <param name="RxStamp">Best receive stamp: hardware (already converted to system time), kernel, else daemon.</param>
public readonly ref struct NetworkDatagram(
    NetworkSocketId Socket,
    NetworkEndpoint Remote,
    NetworkEndpoint Local,
    int InterfaceIndex,
    ReadOnlySpan<byte> Payload,
    PacketTimestamp RxStamp)
{
    public NetworkSocketId Socket { get; } = Socket;

    public NetworkEndpoint Remote { get; } = Remote;

    public NetworkEndpoint Local { get; } = Local;

    public int InterfaceIndex { get; } = InterfaceIndex;

    public ReadOnlySpan<byte> Payload { get; } = Payload;

    public PacketTimestamp RxStamp { get; } = RxStamp;
}
