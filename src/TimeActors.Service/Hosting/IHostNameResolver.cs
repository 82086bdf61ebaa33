using System.Net;

namespace TimeActors.Service.Hosting;

/// <summary>Turns a DNS name into addresses. A port so tests (and network namespaces) can supply their own answers.</summary>
public interface IHostNameResolver
{
    /// <returns>The addresses in the resolver's order; empty when the name does not exist.</returns>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken);
}
