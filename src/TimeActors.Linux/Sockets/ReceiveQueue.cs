namespace TimeActors.Linux.Sockets;

/// <summary>Which of a socket's two queues a receive reads.</summary>
public enum ReceiveQueue
{
    /// <summary>Datagrams from peers, with RX stamps.</summary>
    Normal,

    /// <summary>MSG_ERRQUEUE: TX stamps and ICMP errors (never blocks).</summary>
    Error,
}
