namespace TimeActors.Service.Tests.Cli;

/// <summary>
/// Tests that run the whole service (child processes, real hosts polling over loopback) run alone:
/// their CPU load must not starve the virtual-time tests running beside them, nor be starved by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeServiceCollection
{
    public const string Name = "whole service";
}
