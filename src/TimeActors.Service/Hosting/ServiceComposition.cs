using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The composition root: every factory that contributes guardian children, asked in order, the
/// result sorted by role (interfaces, clock, sources, servers; stable within a role). Until the
/// actor branches are merged it holds no factories, and the service runs with zero sources and an
/// unsynchronised tracking report.
/// </summary>
public sealed class ServiceComposition(IReadOnlyList<IServiceActorFactory> factories) : IServiceActorFactory
{
    /// <summary>What `timeactors run` uses. Add the interface, clock, source and server actor factories here.</summary>
    public static ServiceComposition Default { get; } = new([]);

    public IReadOnlyList<IServiceActorFactory> Factories => factories;

    public IEnumerable<ServiceChildSpec> CreateChildren(TimeActorsSettings settings)
    {
        var children = factories.SelectMany(f => f.CreateChildren(settings)).OrderBy(c => c.Role).ToList();
        var twice = children.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"two service children are named `{twice.Key}`; actor names must be unique");
        }

        return children;
    }
}
