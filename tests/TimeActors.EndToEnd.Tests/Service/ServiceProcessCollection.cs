namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// The tests that run `timeactors run` as a child process take turns: several .NET services and
/// chronyds at once on a shared 2-core machine would turn their bounded waits into flakes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceProcessCollection
{
    public const string Name = "timeactors run processes";
}
