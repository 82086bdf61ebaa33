using System.Globalization;
using System.Reflection;
using TimeActors.Hocon;
using TimeActors.Service.Settings;
using TimeActors.Simulation;

namespace TimeActors.Service.Simulation;

/// <summary>
/// Reads a scenario: an embedded one by name (hocon/scenarios/NAME.conf) or a file, layered over the
/// service's reference.conf, then <c>--set key=value</c> overrides (HOCON, e.g.
/// <c>timeactors.hwts-timeout=1ms</c> or <c>simulation.network.jitter=1ms</c>). The
/// <c>timeactors</c> block is bound by the service's own settings loader; the <c>simulation</c> block
/// describes the world (missing keys keep the defaults of the default scenario).
/// </summary>
public static class ScenarioLoader
{
    private const string ResourcePrefix = "scenarios/";

    /// <summary>The embedded scenarios' names.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ScenarioLoader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".conf", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".conf".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The embedded scenario's text, or null when there is none by that name.</summary>
    public static string? EmbeddedText(string name)
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".conf");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <param name="nameOrFile">An embedded scenario's name, or a path to a .conf file.</param>
    /// <param name="overrides">"key=value" HOCON overrides, applied last in order.</param>
    public static SimulationScenario Load(string nameOrFile, IEnumerable<string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        Config scenario;
        string label;
        try
        {
            if (EmbeddedText(nameOrFile) is { } text)
            {
                scenario = ConfigurationFactory.ParseString(text, HoconParseOptions.Default with { ResolveImmediately = false });
                label = nameOrFile;
            }
            else if (File.Exists(nameOrFile))
            {
                scenario = ConfigurationFactory.Load(nameOrFile, HoconParseOptions.Default with { ResolveImmediately = false });
                label = nameOrFile;
            }
            else
            {
                throw new ScenarioException($"no scenario `{nameOrFile}`: give one of {string.Join(", ", Names)} or a .conf file");
            }

            Config? layered = null;
            foreach (var entry in overrides ?? [])
            {
                int eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ScenarioException($"--set {entry}: expected key=value");
                }

                var one = ConfigurationFactory.ParseString($"{entry[..eq].Trim()} = {entry[(eq + 1)..].Trim()}", HoconParseOptions.Default with { ResolveImmediately = false });
                layered = layered is null ? one : one.WithFallback(layered);
            }

            var config = layered is null ? scenario : layered.WithFallback(scenario);
            var full = ConfigurationFactory.Layered(SettingsLoader.Reference, config);
            var settings = TimeActorsSettings.FromConfig(full);

            // The simulation always steers its own simulated clock; the real one is never constructed.
            settings = settings with { Clock = settings.Clock with { Mode = DisciplineMode.Control } };
            return new SimulationScenario(label, ReadWorld(full.HasPath("simulation") ? full.GetConfig("simulation") : Config.Empty), settings);
        }
        catch (HoconException e)
        {
            throw new ScenarioException(e.Message, e);
        }
        catch (SettingsException e)
        {
            throw new ScenarioException(string.Join(Environment.NewLine, e.Errors), e);
        }
    }

    /// <summary>The world from a <c>simulation { }</c> block.</summary>
    public static SimulationWorldOptions ReadWorld(Config c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var defaults = new SimulationWorldOptions();
        var clock = new SimulatedClockOptions
        {
            InitialOffsetSeconds = Seconds(c, "clock.offset", defaults.Clock.InitialOffsetSeconds),
            FrequencyOffset = Number(c, "clock.frequency-ppm", defaults.Clock.FrequencyOffset * 1e6) * 1e-6,
            Wander = Number(c, "clock.wander", defaults.Clock.Wander),
        };
        var link = new LinkOptions
        {
            BaseDelaySeconds = Seconds(c, "network.base-delay", defaults.Link.BaseDelaySeconds),
            JitterSeconds = Seconds(c, "network.jitter", defaults.Link.JitterSeconds),
            Asymmetry = Number(c, "network.asymmetry", 0),
            Loss = Number(c, "network.loss", 0),
        };
        IReadOnlyList<SimulatedServerOptions> servers = defaults.Servers;
        if (c.HasPath("servers"))
        {
            var serverDefaults = c.HasPath("server-defaults") ? c.GetConfig("server-defaults") : Config.Empty;
            servers = c.GetConfigList("servers").Select((s, i) =>
            {
                var e = s.WithFallback(serverDefaults);
                return new SimulatedServerOptions
                {
                    Address = e.GetString("address") ?? $"192.0.2.{i + 1}",
                    Name = e.GetString("name") ?? $"server{i + 1}",
                    OffsetSeconds = Seconds(e, "offset", 0),
                    HardwareTimestamps = e.GetBoolean("hardware-timestamps", false),
                    StampJitterSeconds = Seconds(e, "stamp-jitter", 0),
                    ProcessingSeconds = Seconds(e, "processing", 0),
                };
            }).ToList();
        }

        SimulatedNicOptions? nic = null;
        if (c.HasPath("nic") && c.GetBoolean("nic.enabled", true))
        {
            var n = new SimulatedNicOptions();
            nic = new SimulatedNicOptions
            {
                Name = c.GetString("nic.name") ?? n.Name,
                PhcOffsetSeconds = Seconds(c, "nic.phc-offset", n.PhcOffsetSeconds),
                StampJitterSeconds = Seconds(c, "nic.stamp-jitter", n.StampJitterSeconds),
                LinkSpeedMbps = c.GetInt("nic.link-speed-mbps", n.LinkSpeedMbps),
                PhcReadDelaySeconds = Seconds(c, "nic.phc-read-delay", n.PhcReadDelaySeconds),
                PhcReadJitterSeconds = Seconds(c, "nic.phc-read-jitter", n.PhcReadJitterSeconds),
                PhcReadingsPerPoll = c.GetInt("nic.phc-readings", n.PhcReadingsPerPoll),
                TxPathDelaySeconds = Seconds(c, "nic.tx-path-delay", n.TxPathDelaySeconds),
                TxStampLatency = new TxStampLatency
                {
                    MinSeconds = Seconds(c, "nic.tx-stamp-latency.min", n.TxStampLatency.MinSeconds),
                    MaxSeconds = Seconds(c, "nic.tx-stamp-latency.max", n.TxStampLatency.MaxSeconds),
                    Never = Number(c, "nic.tx-stamp-latency.never", 0),
                    LogUniform = (c.GetString("nic.tx-stamp-latency.shape") ?? "uniform") switch
                    {
                        "uniform" => false,
                        "log-uniform" => true,
                        var other => throw new ScenarioException($"simulation.nic.tx-stamp-latency.shape: `{other}` is not uniform or log-uniform"),
                    },
                },
            };
        }

        var start = c.HasPath("start") ? Instant(c, "start") : defaults.Start;
        LeapSecondSchedule? leap = null;
        if (c.HasPath("leap"))
        {
            var at = Instant(c, "leap.at");
            if (at.TimeOfDay != TimeSpan.Zero)
            {
                throw new ScenarioException("simulation.leap.at: a leap second happens at a UTC midnight (…T00:00:00Z)");
            }

            var announce = c.HasPath("leap.announce-from") ? Instant(c, "leap.announce-from") : at.AddDays(-1);
            var type = c.GetString("leap.type") ?? "insert";
            leap = new LeapSecondSchedule(
                (at - start).TotalSeconds,
                (announce - start).TotalSeconds,
                type switch
                {
                    "insert" => true,
                    "delete" => false,
                    _ => throw new ScenarioException($"simulation.leap.type: `{type}` is not insert or delete"),
                });
        }

        ReferenceFigures? chrony = null;
        if (c.HasPath("chrony"))
        {
            double? Optional(string key, bool seconds) =>
                !c.HasPath($"chrony.{key}") ? null : seconds ? Seconds(c, $"chrony.{key}", 0) : Number(c, $"chrony.{key}", 0);
            chrony = new ReferenceFigures(
                Optional("sync-time", true),
                Optional("max-offset", true),
                Optional("rms-offset", true),
                Optional("max-frequency-ppm", false),
                Optional("rms-frequency-ppm", false));
        }

        var world = new SimulationWorldOptions
        {
            Chrony = chrony,
            Start = start,
            DurationSeconds = Seconds(c, "duration", defaults.DurationSeconds),
            StatsFromSeconds = Seconds(c, "stats-from", defaults.StatsFromSeconds),
            MaxOffsetLimitSeconds = Seconds(c, "limits.max-offset", defaults.MaxOffsetLimitSeconds),
            MaxFrequencyLimitPpm = Number(c, "limits.max-frequency-ppm", defaults.MaxFrequencyLimitPpm),
            Clock = clock,
            Link = link,
            Servers = servers,
            Nic = nic,
            Leap = leap,
        };
        try
        {
            world.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException($"simulation: {e.Message}", e);
        }

        return world;
    }

    /// <summary>A duration in seconds with ns precision: "100us", "10ns", "0.1s", "-1s", "2h"; a bare number is seconds.</summary>
    public static double Seconds(Config c, string path, double fallback)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.HasPath(path))
        {
            return fallback;
        }

        var text = (c.GetString(path) ?? "").Trim();
        return TryParseSeconds(text, out var seconds)
            ? seconds
            : throw new ScenarioException($"simulation.{path}: `{text}` is not a duration (e.g. 100us, 10ns, 0.1s, 2h)");
    }

    public static bool TryParseSeconds(string text, out double seconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        seconds = 0;
        var s = text.Trim();
        int end = s.Length;
        while (end > 0 && (char.IsLetter(s[end - 1]) || s[end - 1] == 'µ'))
        {
            end--;
        }

        double unit = s[end..].Trim() switch
        {
            "" or "s" or "second" or "seconds" => 1,
            "ns" => 1e-9,
            "us" or "µs" => 1e-6,
            "ms" => 1e-3,
            "m" or "min" or "minutes" => 60,
            "h" or "hours" => 3600,
            "d" or "days" => 86400,
            _ => 0,
        };
        if (unit == 0 || !double.TryParse(s[..end].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        seconds = number * unit;
        return double.IsFinite(seconds);
    }

    private static double Number(Config c, string path, double fallback)
    {
        if (!c.HasPath(path))
        {
            return fallback;
        }

        var text = (c.GetString(path) ?? "").Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ScenarioException($"simulation.{path}: `{text}` is not a number");
    }

    private static DateTimeOffset Instant(Config c, string path)
    {
        var text = c.GetString(path) ?? "";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new ScenarioException($"simulation.{path}: `{text}` is not a UTC date and time (e.g. 2016-12-31T23:00:00Z)");
    }
}
