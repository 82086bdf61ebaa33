namespace TimeActors.Linux.Sockets;

/// <summary>epoll event bits (sys/epoll.h) a socket is waited for or reported with.</summary>
[Flags]
public enum PollEvents : uint
{
    None = 0,

    /// <summary>EPOLLIN: datagrams on the normal queue.</summary>
    Readable = 0x1,

    /// <summary>EPOLLPRI: with SO_SELECT_ERR_QUEUE, the error queue is not empty (a TX stamp or an ICMP error).</summary>
    Priority = 0x2,

    Writable = 0x4,

    /// <summary>EPOLLERR: error queue not empty or a pending socket error; always reported.</summary>
    Error = 0x8,

    HangUp = 0x10,

    /// <summary>What timestamping sockets wait for: EPOLLIN|EPOLLPRI|EPOLLERR.</summary>
    TimestampingSocket = Readable | Priority | Error,
}
