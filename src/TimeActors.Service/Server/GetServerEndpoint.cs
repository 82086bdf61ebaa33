namespace TimeActors.Service.Server;

/// <summary>Asks a server actor for the <see cref="Timing.Ports.Network.NetworkEndpoint"/> it is bound to (port 0 resolved).</summary>
public sealed record GetServerEndpoint
{
    public static readonly GetServerEndpoint Instance = new();
}
