namespace TimeActors.Service.Messages;

/// <summary>Asks the service guardian for a <see cref="Status.ServiceStatus"/> snapshot.</summary>
public sealed record GetStatus
{
    public static readonly GetStatus Instance = new();
}
