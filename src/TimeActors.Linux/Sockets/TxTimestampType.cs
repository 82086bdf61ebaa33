namespace TimeActors.Linux.Sockets;

/// <summary>SCM_TSTAMP_* (linux/errqueue.h): which point of the transmit path ee_info says the stamp was taken at.</summary>
public enum TxTimestampType : uint
{
    /// <summary>Driver handed the packet to the NIC (software stamp in ts[0]) or the NIC sent it (hardware in ts[2]).</summary>
    Sent = 0,

    /// <summary>Packet entered the packet scheduler.</summary>
    Scheduled = 1,

    /// <summary>Data acknowledged by the peer (TCP only).</summary>
    Acknowledged = 2,

    /// <summary>Transmit completion reported by the driver (Linux 6.15).</summary>
    Completion = 3,
}
