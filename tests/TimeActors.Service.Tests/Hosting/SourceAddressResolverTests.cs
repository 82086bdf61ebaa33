using System.Net;
using TimeActors.Service.Hosting;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Tests.Hosting;

public sealed class SourceAddressResolverTests
{
    private sealed class FakeResolver(Dictionary<string, string[]> answers) : IHostNameResolver
    {
        public List<string> Asked { get; } = [];

        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken)
        {
            Asked.Add(name);
            IReadOnlyList<IPAddress> result = answers.TryGetValue(name, out var a) ? [.. a.Select(IPAddress.Parse)] : [];
            return Task.FromResult(result);
        }
    }

    private static readonly FakeResolver Dns = new(new()
    {
        ["ntp.example"] = ["10.200.0.7", "10.200.0.8"],
        ["pool.example"] = ["10.200.0.1", "10.200.0.2", "::ffff:10.200.0.2", "10.200.0.3", "2001:db8::4", "10.200.0.5"],
    });

    [Fact]
    public async Task A_server_name_uses_its_first_address_and_the_configured_port()
    {
        var endpoints = await new SourceAddressResolver(Dns).ResolveAsync(new SourceSettings { Kind = SourceKind.Server, Name = "ntp.example", Port = 1123 });
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.200.0.7"), 1123)], endpoints);
    }

    [Fact]
    public async Task A_pool_gives_up_to_count_distinct_addresses_skipping_those_in_use()
    {
        var resolver = new SourceAddressResolver(Dns);
        var pool = new SourceSettings { Kind = SourceKind.Pool, Name = "pool.example", PoolCount = 3 };
        Assert.Equal(["10.200.0.1", "10.200.0.2", "10.200.0.3"], (await resolver.ResolveAsync(pool)).Select(e => e.Address.ToString()));

        var inUse = new HashSet<IPAddress> { IPAddress.Parse("10.200.0.1"), IPAddress.Parse("10.200.0.3") };
        Assert.Equal(["10.200.0.2", "2001:db8::4", "10.200.0.5"], (await resolver.ResolveAsync(pool, inUse)).Select(e => e.Address.ToString()));
    }

    [Fact]
    public async Task An_address_literal_is_not_looked_up()
    {
        var dns = new FakeResolver([]);
        var endpoints = await new SourceAddressResolver(dns).ResolveAsync(new SourceSettings { Kind = SourceKind.Server, Name = "2001:db8::1" });
        Assert.Equal([new IPEndPoint(IPAddress.Parse("2001:db8::1"), 123)], endpoints);
        Assert.Empty(dns.Asked);
    }

    [Fact]
    public async Task An_unknown_name_gives_no_endpoints()
    {
        Assert.Empty(await new SourceAddressResolver(Dns).ResolveAsync(new SourceSettings { Kind = SourceKind.Pool, Name = "nowhere.example" }));
    }

    [Fact]
    public async Task The_system_resolver_reads_the_hosts_file()
    {
        var addresses = await SystemDnsResolver.Instance.ResolveAsync("localhost", CancellationToken.None);
        Assert.Contains(addresses, IPAddress.IsLoopback);
    }
}
