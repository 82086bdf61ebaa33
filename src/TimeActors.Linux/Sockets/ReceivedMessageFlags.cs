namespace TimeActors.Linux.Sockets;

/// <summary>The msg_flags the kernel returned for one received message.</summary>
[Flags]
public enum ReceivedMessageFlags
{
    None = 0,

    /// <summary>MSG_CTRUNC: control data did not fit; some stamps or addresses are missing.</summary>
    ControlTruncated = 0x8,

    /// <summary>MSG_TRUNC: the datagram was longer than the payload buffer.</summary>
    Truncated = 0x20,

    /// <summary>MSG_ERRQUEUE: the message came from the error queue.</summary>
    ErrorQueue = 0x2000,
}
