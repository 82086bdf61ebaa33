namespace TimeActors.Linux.Sockets;

/// <summary>How a socket uses SO_TIMESTAMPING; decides which flags are permanent and which go per message.</summary>
public enum TimestampingRole
{
    /// <summary>No SO_TIMESTAMPING at all (plain UDP).</summary>
    None,

    /// <summary>
    /// A client socket (per request, or a shared acquisition socket): every request wants its TX stamp,
    /// so the TX generation flags are set permanently on the socket.
    /// </summary>
    Client,

    /// <summary>
    /// A server socket: only responses in interleaved mode want a TX stamp, requested per message with
    /// an SO_TIMESTAMPING control message so basic clients do not use up the NIC's stamping capacity.
    /// </summary>
    Server,
}
