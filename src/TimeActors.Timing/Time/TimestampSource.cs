namespace TimeActors.Timing.Time;

/// <summary>Where a packet timestamp came from, ordered by quality: a higher value is better.</summary>
public enum TimestampSource
{
    /// <summary>Read by the daemon in user space, around the send or receive call.</summary>
    Daemon = 0,

    /// <summary>Taken by the kernel's network stack (SO_TIMESTAMPING software stamps).</summary>
    Kernel = 1,

    /// <summary>Taken by the NIC and converted to system time through the interface's PHC model.</summary>
    Hardware = 2,
}
