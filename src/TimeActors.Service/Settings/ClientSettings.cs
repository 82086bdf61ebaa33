namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.client</c>: the client sockets the source actors use.</summary>
public sealed record ClientSettings
{
    public ClientSocketPolicy Sockets { get; init; } = ClientSocketPolicy.PerRequest;

    /// <summary>With <see cref="ClientSocketPolicy.Fixed"/>: the local port (0 lets the kernel choose one, once).</summary>
    public int AcquisitionPort { get; init; }
}
