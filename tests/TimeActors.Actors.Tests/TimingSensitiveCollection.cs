namespace TimeActors.Actors.Tests;

/// <summary>
/// Tests that measure wall-clock precision run alone: other test classes spinning the two cores would
/// measure the machine, not the scheduler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing-sensitive";
}
