namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>Tests that must not run beside other testbeds (xunit runs this collection on its own).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StaleRunCollection
{
    public const string Name = "stale runs";
}
