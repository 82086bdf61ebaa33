namespace TimeActors.Service.Clock;

/// <summary>A source was removed from the configuration (or its actor stopped for good): forget it.</summary>
public sealed record SourceRemoved(int SourceId);
