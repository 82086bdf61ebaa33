using TimeActors.Service.Settings;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The composition root: every factory that contributes guardian children, asked in order, the
/// result sorted by role (interfaces, clock, sources, servers; stable within a role). With no sources
/// the service reports an unsynchronised clock (stratum 16).
/// </summary>
public sealed class ServiceComposition(IReadOnlyList<IServiceActorFactory> factories) : IServiceActorFactory, IDisposable, IInterfaceProbeSource
{
    public IReadOnlyList<InterfaceProbe> InterfaceProbes => [.. factories.OfType<NetworkActorFactory>().SelectMany(f => f.InterfaceProbes)];

    public IReadOnlyDictionary<(string Name, string? Address), string> SourceInterfaces =>
        factories.OfType<NetworkActorFactory>().SelectMany(f => f.SourceInterfaces).DistinctBy(p => p.Key).ToDictionary();

    /// <summary>
    /// What `timeactors run` uses: the clock actor, and the interface, source and server actors on a
    /// Linux port with kernel timestamps (names resolved by the system resolver). Dispose it after the
    /// host has stopped: it owns the network port.
    /// </summary>
    public static ServiceComposition CreateDefault() =>
        new([ClockActorFactory.Linux, new NetworkActorFactory(new SourceAddressResolver(SystemDnsResolver.Instance))]);

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

    public void Dispose()
    {
        foreach (var factory in factories.OfType<IDisposable>())
        {
            factory.Dispose();
        }
    }
}
