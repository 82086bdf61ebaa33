namespace TimeActors.Service.Sources;

/// <summary>Asks a source actor for its <see cref="Status.SourceReport"/>.</summary>
public sealed record GetSourceReport
{
    public static readonly GetSourceReport Instance = new();
}
