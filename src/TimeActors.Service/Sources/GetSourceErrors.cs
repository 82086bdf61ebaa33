namespace TimeActors.Service.Sources;

/// <summary>Asks a source actor for its <see cref="SourceErrorCounts"/>.</summary>
public sealed record GetSourceErrors
{
    public static readonly GetSourceErrors Instance = new();
}
