namespace TimeActors.Linux.Sockets;

/// <summary>One ready registration from <see cref="SocketPoller.Wait"/>: the caller's token and what happened.</summary>
public readonly record struct PollReady(ulong Token, PollEvents Events)
{
    /// <summary>Read the normal queue.</summary>
    public bool NormalQueueReady => (Events & PollEvents.Readable) != 0;

    /// <summary>Read the error queue (TX stamps, ICMP errors).</summary>
    public bool ErrorQueueReady => (Events & (PollEvents.Priority | PollEvents.Error)) != 0;
}
