namespace TimeActors.Service.Server;

/// <summary>Asks a server actor for its <see cref="ServerSocketState"/>.</summary>
public sealed record GetServerSocketState
{
    public static readonly GetServerSocketState Instance = new();
}
