namespace TimeActors.Service.Network;

/// <summary>
/// How the sources on one interface get their client sockets (bound from the settings'
/// <c>timeactors.client</c> section: <c>sockets = per-request</c> gives <see cref="PerRequest"/>,
/// <c>sockets = fixed</c> with <c>acquisition-port = N</c> gives <c>new() { AcquisitionPort = N }</c>).
/// </summary>
public sealed record ClientSocketOptions
{
    /// <summary>chrony's default: a new connected socket from a random port for every request.</summary>
    public static readonly ClientSocketOptions PerRequest = new();

    /// <summary>
    /// Null: per-request sockets. Otherwise one permanent unconnected socket per address family on
    /// this local port (0: the kernel picks one when the socket is first opened), shared by the
    /// interface's sources; responses are demultiplexed by the remote address (chrony acquisitionport).
    /// </summary>
    public ushort? AcquisitionPort { get; init; }

    public bool Shared => AcquisitionPort.HasValue;
}
