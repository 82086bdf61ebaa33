using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The composition root: every factory that contributes guardian children, asked in order, the
/// result sorted by role (interfaces, clock, sources, servers; stable within a role). Today it holds
/// the clock actor; the interface, source and server actors join when their branch is merged. With
/// no sources the service reports an unsynchronised clock (stratum 16).
/// </summary>
public sealed class ServiceComposition(IReadOnlyList<IServiceActorFactory> factories) : IServiceActorFactory
{
    /// <summary>What `timeactors run` uses. Add the interface, source and server actor factories here.</summary>
    public static ServiceComposition Default { get; } = new([ClockActorFactory.Linux]);

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
