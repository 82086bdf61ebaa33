using TimeActors.Actors;
using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>The service's typed, validated, immutable settings, bound from the merged configuration.</summary>
public sealed record TimeActorsSettings
{
    public required ActorSystemSettings Actors { get; init; }

    public required LoggingSettings Logging { get; init; }

    /// <summary>The merged configuration the settings came from (for origins and later sections).</summary>
    public required Config Config { get; init; }

    /// <summary>Binds every section; throws <see cref="SettingsException"/> listing all errors, unknown keys included.</summary>
    public static TimeActorsSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<SettingsError>(SettingsSchema.FindUnknownKeys(config));
        var settings = new TimeActorsSettings
        {
            Actors = ActorSettingsSection.Bind(new SettingsReader(config, ActorSettingsSection.Section, errors)),
            Logging = LoggingSettingsSection.Bind(new SettingsReader(config, LoggingSettingsSection.Section, errors)),
            Config = config,
        };

        return errors.Count == 0 ? settings : throw new SettingsException(errors);
    }
}
