namespace TimeActors.Linux.Sockets;

/// <summary>SO_EE_ORIGIN_* (linux/errqueue.h): who queued an error-queue message.</summary>
public enum ErrorOrigin : byte
{
    None = 0,
    Local = 1,
    Icmp = 2,
    Icmp6 = 3,

    /// <summary>SO_EE_ORIGIN_TXSTATUS, also named SO_EE_ORIGIN_TIMESTAMPING: a transmit timestamp.</summary>
    Timestamping = 4,
    ZeroCopy = 5,
    TxTime = 6,
}
