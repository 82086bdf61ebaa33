using TimeActors.Hocon;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>
/// <c>timeactors.sources</c> entries and their defaults in <c>timeactors.source-defaults</c>: each
/// entry names a <c>server</c> or a <c>pool</c> and may override any default.
/// </summary>
public static class SourceSettingsSection
{
    public static readonly SettingKey Server = SettingKey.Text("server", "DNS name or address of one NTP server.");

    public static readonly SettingKey Pool = SettingKey.Text("pool", "DNS name of a pool of NTP servers.");

    public static readonly SettingKey Port = SettingKey.Integer("port", 1, 65535, "UDP port of the server.");

    public static readonly SettingKey MinPoll = SettingKey.Integer("minpoll", ClientExchange.LowestPoll, ClientExchange.HighestPoll, "Lowest poll interval, log2 seconds.");

    public static readonly SettingKey MaxPoll = SettingKey.Integer("maxpoll", ClientExchange.LowestPoll, ClientExchange.HighestPoll, "Highest poll interval, log2 seconds.");

    public static readonly SettingKey InitialBurst = SettingKey.Boolean("iburst", "Start with a quick burst of requests.");

    public static readonly SettingKey Interleaved = SettingKey.Boolean("xleave", "Use interleaved mode.");

    public static readonly SettingKey NoSelect = SettingKey.Boolean("noselect", "Measure only, never select.");

    public static readonly SettingKey Prefer = SettingKey.Boolean("prefer", "Prefer this source in selection.");

    public static readonly SettingKey Count = SettingKey.Integer("count", 1, 16, "Pools: addresses used.");

    public static readonly SettingKey MaxDelay = SettingKey.Interval("max-delay", TimeInterval.FromMicroseconds(1), TimeInterval.FromSeconds(60), "Drop samples with a longer round trip.");

    public static readonly SettingKey Offset = SettingKey.Interval("offset", TimeInterval.FromSeconds(-1), TimeInterval.FromSeconds(1), "Correction added to measured offsets.");

    public static readonly SettingKey PollTarget = SettingKey.Integer("poll-target", 1, 64, "Samples aimed for at the current poll.");

    public static readonly SettingKey Version = SettingKey.Integer("version", 1, 4, "NTP version of requests.");

    /// <summary>The defaults block; every key an entry may override.</summary>
    public static SettingsSection Defaults { get; } = new(
        "timeactors.source-defaults",
        [Port, MinPoll, MaxPoll, InitialBurst, Interleaved, NoSelect, Prefer, Count, MaxDelay, Offset, PollTarget, Version]);

    public static ValueList<SourceSettings> Bind(Config config, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listPath = ServiceSettingsSection.Section.FullPath(ServiceSettingsSection.Sources);
        var sources = SettingsEntries.Read(config, listPath, Defaults, [Server, Pool], BindEntry, errors);

        // The same server twice would be polled twice and counted twice in selection.
        foreach (var duplicate in sources.GroupBy(s => (s.Kind, Name: s.Name.ToLowerInvariant(), s.Port)).Where(g => g.Count() > 1))
        {
            var value = config.GetValue(listPath)!;
            errors.Add(new SettingsError(value.Origin, listPath, $"{duplicate.Key.Kind.ToString().ToLowerInvariant()} `{duplicate.First().Name}` port {duplicate.Key.Port} is listed {duplicate.Count()} times"));
        }

        return sources;
    }

    private static SourceSettings? BindEntry(SettingsReader r, HoconOrigin origin)
    {
        var before = r.ErrorCount;
        var hasServer = r.TryGet<string>(Server, out var server);
        var hasPool = r.TryGet<string>(Pool, out var pool);
        if (hasServer == hasPool)
        {
            r.Fail(hasServer ? Pool : Server, hasServer
                ? "an entry names either a `server` or a `pool`, not both"
                : "an entry needs `server = \"name\"` or `pool = \"name\"`");
            return null;
        }

        var kind = hasServer ? SourceKind.Server : SourceKind.Pool;
        var nameKey = hasServer ? Server : Pool;
        var name = (hasServer ? server : pool).Trim();
        if (Uri.CheckHostName(name) == UriHostNameType.Unknown)
        {
            r.Fail(nameKey, $"`{name}` is not a DNS name or an IP address");
        }

        var settings = new SourceSettings
        {
            Kind = kind,
            Name = name,
            Port = r.Get<int>(Port),
            MinPoll = r.Get<int>(MinPoll),
            MaxPoll = r.Get<int>(MaxPoll),
            InitialBurst = r.Get<bool>(InitialBurst),
            Interleaved = r.Get<bool>(Interleaved),
            NoSelect = r.Get<bool>(NoSelect),
            Prefer = r.Get<bool>(Prefer),
            PoolCount = r.Get<int>(Count),
            MaxDelay = r.Get<TimeInterval>(MaxDelay),
            OffsetCorrection = r.Get<TimeInterval>(Offset),
            PollTarget = r.Get<int>(PollTarget),
            Version = r.Get<int>(Version),
        };

        if (r.ErrorCount == before && settings.MinPoll > settings.MaxPoll)
        {
            r.Fail(MinPoll, $"minpoll {settings.MinPoll} is above maxpoll {settings.MaxPoll}");
        }

        return r.ErrorCount == before ? settings : null;
    }
}
