using TimeActors.Actors;
using TimeActors.Hocon;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>The service's typed, validated, immutable settings, bound from the merged configuration.</summary>
public sealed record TimeActorsSettings
{
    public required ActorSystemSettings Actors { get; init; }

    public required LoggingSettings Logging { get; init; }

    /// <summary><c>timeactors.sources</c>, in configuration order.</summary>
    public required ValueList<SourceSettings> Sources { get; init; }

    /// <summary><c>timeactors.hardware-timestamping</c>; empty means software (kernel) timestamps only.</summary>
    public required ValueList<HardwareTimestampingSettings> HardwareTimestamping { get; init; }

    /// <summary><c>timeactors.hwts-timeout</c>: how long a response waits for its late hardware TX stamp; zero disables saving.</summary>
    public required TimeInterval HwtsTimeout { get; init; }

    public required ClientSettings Client { get; init; }

    public required ServerSettings Server { get; init; }

    public required ClockSettings Clock { get; init; }

    public required ControlSettings Control { get; init; }

    /// <summary><c>timeactors.metrics</c>; defaults when absent (settings built in code).</summary>
    public MetricsSettings Metrics { get; init; } = new();

    /// <summary>The merged configuration the settings came from (for origins and later sections).</summary>
    public required Config Config { get; init; }

    /// <summary>Binds every section; throws <see cref="SettingsException"/> listing all errors, unknown keys included.</summary>
    public static TimeActorsSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<SettingsError>(SettingsSchema.FindUnknownKeys(config));

        // The lists' own keys only check that they are lists; their entries are bound by their sections.
        var root = new SettingsReader(config, ServiceSettingsSection.Section, errors);
        _ = root.Get<HoconArray>(ServiceSettingsSection.Sources);
        _ = root.Get<HoconArray>(ServiceSettingsSection.HardwareTimestamping);
        var settings = new TimeActorsSettings
        {
            Actors = ActorSettingsSection.Bind(new SettingsReader(config, ActorSettingsSection.Section, errors)),
            Logging = LoggingSettingsSection.Bind(new SettingsReader(config, LoggingSettingsSection.Section, errors)),
            Sources = SourceSettingsSection.Bind(config, errors),
            HardwareTimestamping = HardwareTimestampingSettingsSection.Bind(config, errors),
            HwtsTimeout = root.Get<TimeInterval>(ServiceSettingsSection.HwtsTimeout),
            Client = ClientSettingsSection.Bind(new SettingsReader(config, ClientSettingsSection.Section, errors)),
            Server = ServerSettingsSection.Bind(new SettingsReader(config, ServerSettingsSection.Section, errors)),
            Clock = ClockSettingsSection.Bind(new SettingsReader(config, ClockSettingsSection.Section, errors)),
            Control = ControlSettingsSection.Bind(new SettingsReader(config, ControlSettingsSection.Section, errors)),
            Metrics = MetricsSettingsSection.Bind(new SettingsReader(config, MetricsSettingsSection.Section, errors)),
            Config = config,
        };

        return errors.Count == 0 ? settings : throw new SettingsException(errors);
    }
}
