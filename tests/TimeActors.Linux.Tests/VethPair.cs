using System.Globalization;
using System.Text.RegularExpressions;
using TimeActors.Tests.Shared;
using static TimeActors.Tests.Shared.NetworkNamespaces;

namespace TimeActors.Linux.Tests;

/// <summary>
/// Two network namespaces joined by a veth pair, 10.200.0.1/24 in A and 10.200.0.2/24 in B, named
/// with this process id. Dispose deletes both namespaces (which destroys the veth); construction
/// first removes leftovers of earlier runs whose process is gone, and cleans up after itself if a
/// step fails.
/// </summary>
internal sealed partial class VethPair : IDisposable
{
    public const string AddressA = "10.200.0.1";
    public const string AddressB = "10.200.0.2";
    private const string Prefix = "tanx";

    public VethPair()
    {
        NetworkNamespaces.RemoveStale(StaleName());
        var id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "x" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture);
        NamespaceA = $"{Prefix}{id}a";
        NamespaceB = $"{Prefix}{id}b";
        InterfaceA = $"{Prefix}{id}a";
        InterfaceB = $"{Prefix}{id}b";
        try
        {
            Ip("netns", "add", NamespaceA);
            Ip("netns", "add", NamespaceB);
            Ip("link", "add", InterfaceA, "netns", NamespaceA, "type", "veth", "peer", "name", InterfaceB, "netns", NamespaceB);
            Ip("-n", NamespaceA, "addr", "add", $"{AddressA}/24", "dev", InterfaceA);
            Ip("-n", NamespaceB, "addr", "add", $"{AddressB}/24", "dev", InterfaceB);
            foreach (var (ns, dev) in new[] { (NamespaceA, InterfaceA), (NamespaceB, InterfaceB) })
            {
                Ip("-n", ns, "link", "set", "lo", "up");
                Ip("-n", ns, "link", "set", dev, "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private static int counter;

    public string NamespaceA { get; }

    public string NamespaceB { get; }

    public string InterfaceA { get; }

    public string InterfaceB { get; }

    public static bool Exists(string ns) => NetworkNamespaces.Exists(ns);

    public void Dispose()
    {
        foreach (var ns in new[] { NamespaceA, NamespaceB })
        {
            if (ns is not null && Exists(ns))
            {
                Delete(ns);
            }
        }
    }

    [GeneratedRegex($"^{Prefix}(\\d+)x\\d+[ab]$")]
    private static partial Regex StaleName();
}
