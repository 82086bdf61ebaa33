using System.Net;
using TimeActors.Timing.Server;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.server</c>, bound onto <see cref="ServerSettings"/>.</summary>
public static class ServerSettingsSection
{
    public static readonly SettingKey Listen = SettingKey.TextList("listen", "IP addresses, optionally with a port (\"0.0.0.0\", \"[::1]:1123\")", IsEndpoint, "Addresses to serve on; empty for no server.");

    public static readonly SettingKey Port = SettingKey.Integer("port", 1, 65535, "Port for listen addresses written without one.");

    public static readonly SettingKey Allow = SettingKey.TextList("allow", "networks (\"192.168.0.0/16\", \"2001:db8::/32\", an address, or \"all\")", IsNetwork, "Networks served.");

    public static readonly SettingKey Deny = SettingKey.TextList("deny", "networks (\"10.1.0.0/16\", an address, or \"all\")", IsNetwork, "Networks refused.");

    public static readonly SettingKey RateLimitEnabled = SettingKey.Boolean("rate-limit.enabled", "Limit responses per client.");

    public static readonly SettingKey RateLimitInterval = SettingKey.Integer("rate-limit.interval", -19, 12, "log2 of the mean seconds between responses.");

    public static readonly SettingKey RateLimitBurst = SettingKey.Integer("rate-limit.burst", 1, 255, "Responses allowed back to back.");

    public static readonly SettingKey RateLimitLeak = SettingKey.Integer("rate-limit.leak", 1, 4, "log2 of over-limit requests per answer.");

    public static readonly SettingKey RateLimitClients = SettingKey.Integer("rate-limit.clients", RateLimiter.BucketSize, 1 << 24, "Clients the rate limiter remembers (a power of two; fixed memory).");

    public static readonly SettingKey Threads = SettingKey.Integer("threads", 0, 1024, "SO_REUSEPORT sockets per listen address, each with its own thread; 0: one per CPU.");

    public static readonly SettingKey PinThreads = SettingKey.Boolean("pin-threads", "Bind each server socket's thread to its own CPU.");

    public static readonly SettingKey ReceiveBuffer = SettingKey.Size("receive-buffer", 0, 1L << 30, "SO_RCVBUF of each server socket; 0 keeps the system default.");

    public static readonly SettingKey InterleavedResponses = SettingKey.Integer("interleaved-responses", 1, 1 << 24, "Recent responses remembered for interleaved mode per listen address.");

    public static SettingsSection Section { get; } = new(
        "timeactors.server",
        [Listen, Port, Allow, Deny, RateLimitEnabled, RateLimitInterval, RateLimitBurst, RateLimitLeak, RateLimitClients, Threads, PinThreads, ReceiveBuffer, InterleavedResponses]);

    public static ServerSettings Bind(SettingsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var port = r.Get<int>(Port);
        var listen = (r.Get<ValueList<string>>(Listen) ?? ValueList<string>.Empty)
            .Select(text =>
            {
                var endpoint = ParseEndpoint(text)!;
                return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, port) : endpoint;
            })
            .ToList();
        foreach (var twice in listen.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            r.Fail(Listen, $"{twice.Key} is listed {twice.Count()} times");
        }

        var rules = (r.Get<ValueList<string>>(Allow) ?? ValueList<string>.Empty).Select(a => AccessRule.Parse(a, allow: true))
            .Concat((r.Get<ValueList<string>>(Deny) ?? ValueList<string>.Empty).Select(d => AccessRule.Parse(d, allow: false)));
        var limit = new RateLimitSettings
        {
            IntervalLog2 = r.Get<int>(RateLimitInterval),
            Burst = r.Get<int>(RateLimitBurst),
            LeakLog2 = r.Get<int>(RateLimitLeak),
            Capacity = r.Get<int>(RateLimitClients),
        };
        if ((limit.Capacity & (limit.Capacity - 1)) != 0)
        {
            r.Fail(RateLimitClients, $"{limit.Capacity} is not a power of two");
        }

        return new ServerSettings
        {
            Listen = new ValueList<IPEndPoint>(listen.Distinct()),
            AccessRules = new ValueList<AccessRule>(rules),
            RateLimit = r.Get<bool>(RateLimitEnabled) ? limit : null,
            Threads = r.Get<int>(Threads),
            PinThreads = r.Get<bool>(PinThreads),
            ReceiveBufferBytes = (int)r.Get<long>(ReceiveBuffer),
            InterleavedResponses = r.Get<int>(InterleavedResponses),
        };
    }

    private static bool IsEndpoint(string text) => ParseEndpoint(text) is not null;

    // IPEndPoint.TryParse takes "1.2.3.4", "1.2.3.4:123", "::1" and "[::1]:123"; names are not allowed
    // (a server binds before DNS may work).
    private static IPEndPoint? ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text.Trim(), out var endpoint) ? endpoint : null;

    private static bool IsNetwork(string text)
    {
        try
        {
            AccessRule.Parse(text, allow: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
