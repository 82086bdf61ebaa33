using System.Net;
using System.Net.Sockets;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The system resolver (getaddrinfo through <see cref="Dns"/>): /etc/hosts, then DNS, as nsswitch
/// says - so `ip netns exec` with /etc/netns/NAME/hosts is honoured too.
/// </summary>
public sealed class SystemDnsResolver : IHostNameResolver
{
    public static SystemDnsResolver Instance { get; } = new();

    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return [];
        }
    }
}
