using System.Net;
using TimeActors.Service.Hosting;

namespace TimeActors.Service.Simulation;

/// <summary>The simulated world's DNS: each server's name resolves to its address.</summary>
public sealed class InMemoryNameResolver(IReadOnlyDictionary<string, IPAddress> names) : IHostNameResolver
{
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IPAddress>>(names.TryGetValue(name, out var address) ? [address] : []);
}
