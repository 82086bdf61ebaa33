namespace TimeActors.Service.Network;

/// <summary>Interface actor settings.</summary>
public sealed record InterfaceActorOptions
{
    /// <summary>
    /// Longest single wait in epoll. Bounds how long a stop or a query waits for the actor's thread when
    /// nobody calls <see cref="InterfaceSockets.Wake"/>; costs one empty wake-up per period when idle.
    /// </summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
}
