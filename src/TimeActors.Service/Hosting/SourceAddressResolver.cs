using System.Net;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Finds the endpoints a configured source stands for: an address literal is used as written, a
/// server name gives its first address, a pool name gives up to its count of distinct addresses
/// (skipping ones already in use, so a pool replacing an unreachable member picks a new one).
/// </summary>
public sealed class SourceAddressResolver(IHostNameResolver resolver)
{
    public async Task<IReadOnlyList<IPEndPoint>> ResolveAsync(SourceSettings source, IReadOnlySet<IPAddress>? inUse = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (IPAddress.TryParse(source.Name, out var literal))
        {
            return [new IPEndPoint(literal, source.Port)];
        }

        var addresses = await resolver.ResolveAsync(source.Name, cancellationToken).ConfigureAwait(false);
        var wanted = source.Kind == SourceKind.Pool ? source.PoolCount : 1;
        return addresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Distinct()
            .Where(a => inUse is null || !inUse.Contains(a))
            .Take(wanted)
            .Select(a => new IPEndPoint(a, source.Port))
            .ToList();
    }
}
