namespace TimeActors.Linux.Sockets;

/// <summary>Whether one send asks for a TX stamp.</summary>
public enum TxStampRequest
{
    /// <summary>The role's default: client sockets stamp every send, server sockets none.</summary>
    RoleDefault = 0,

    /// <summary>Stamp this send (a server's interleaved-mode response: per-message SO_TIMESTAMPING cmsg).</summary>
    Requested,

    /// <summary>Do not stamp this send (on a client socket: a zero SO_TIMESTAMPING cmsg overrides the socket's bits).</summary>
    Suppressed,
}
