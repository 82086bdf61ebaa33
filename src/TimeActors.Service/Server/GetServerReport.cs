namespace TimeActors.Service.Server;

/// <summary>Asks a server actor for its <see cref="Status.ServerReport"/>.</summary>
public sealed record GetServerReport
{
    public static readonly GetServerReport Instance = new();
}
