using System.Net;
using BenchmarkDotNet.Attributes;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;

namespace TimeActors.Benchmarks.TimingStats;

/// <summary>
/// Per-request cost of the server's admission checks: the rate limiter (known client, a rotating
/// population that fits the table, and a flood of new addresses that forces eviction) and the
/// allow/deny lookup. Run:
/// <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*RateLimit*' --job short --memory</c>.
/// </summary>
[MemoryDiagnoser]
public class RateLimitBenchmarks
{
    private const int Population = 4096;

    private readonly ClientAddress[] _clients = new ClientAddress[Population];
    private RateLimiter _limiter = null!;
    private AccessControlList _acl = null!;
    private ClientAddress _known;
    private ClientAddress _v4;
    private ClientAddress _v6;
    private long _nowNs;
    private int _next;
    private uint _fresh;

    [GlobalSetup]
    public void Setup()
    {
        _limiter = new RateLimiter(new RateLimitSettings { Capacity = 1 << 14 }, 0x243F6A8885A308D3, 0x13198A2E03707344);
        for (var i = 0; i < Population; i++)
            _clients[i] = ClientAddress.FromIPv4(0x0A000000u + (uint)i * 7919u);
        _known = ClientAddress.FromIPv4(0xC0000201);
        _nowNs = 1_800_000_000L * 1_000_000_000L;

        // A realistic configuration: a few site networks with holes, both families.
        var rules = new List<AccessRule>
        {
            AccessRule.Parse("10.0.0.0/8", true),
            AccessRule.Parse("10.66.0.0/16", false),
            AccessRule.Parse("10.66.3.0/24", true),
            AccessRule.Parse("172.16.0.0/12", true),
            AccessRule.Parse("192.168.0.0/16", true),
            AccessRule.Parse("192.168.100.7", false),
            AccessRule.Parse("2001:db8::/32", true),
            AccessRule.Parse("2001:db8:bad::/48", false),
            AccessRule.Parse("fd00::/8", true),
        };
        for (var i = 0; i < 32; i++)
            rules.Add(AccessRule.Parse($"100.{i}.0.0/20", i % 2 == 0));
        _acl = new AccessControlList(rules);
        _v4 = ClientAddress.FromIPAddress(IPAddress.Parse("10.66.3.9"));
        _v6 = ClientAddress.FromIPAddress(IPAddress.Parse("2001:db8:bad::1"));
    }

    [Benchmark]
    public RateLimitVerdict RateLimit_KnownClient()
    {
        _nowNs += 8_000_000_000L;
        return _limiter.Check(_known, new SystemTime(_nowNs));
    }

    [Benchmark]
    public RateLimitVerdict RateLimit_RotatingClients()
    {
        _nowNs += 2_000_000L;
        var client = _clients[_next];
        _next = (_next + 1) & (Population - 1);
        return _limiter.Check(client, new SystemTime(_nowNs));
    }

    [Benchmark]
    public RateLimitVerdict RateLimit_NewClientsEvicting()
    {
        _nowNs += 1_000_000L;
        return _limiter.Check(ClientAddress.FromIPv4(_fresh++ * 2654435761u), new SystemTime(_nowNs));
    }

    [Benchmark]
    public bool AccessList_IPv4() => _acl.IsAllowed(_v4);

    [Benchmark]
    public bool AccessList_IPv6() => _acl.IsAllowed(_v6);
}
