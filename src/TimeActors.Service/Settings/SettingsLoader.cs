using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>
/// Builds the effective configuration: the embedded reference.conf, the operator's file over it, and
/// environment overrides (<c>CONFIG_FORCE_timeactors_actors_ask__timeout=2s</c>) over both, resolved
/// together with environment-variable fallback for substitutions.
/// </summary>
public static class SettingsLoader
{
    public const string ReferenceResourceName = "reference.conf";

    private static readonly Lazy<Config> ReferenceLazy = new(() =>
        ConfigurationFactory.FromResource(typeof(SettingsLoader).Assembly, ReferenceResourceName));

    public static Config Reference => ReferenceLazy.Value;

    /// <param name="userFile">The operator's configuration file, or null for defaults only.</param>
    /// <param name="environment">Environment variables for overrides; null reads the process environment.</param>
    public static Config LoadConfig(string? userFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var user = userFile is null
            ? null
            : ConfigurationFactory.Load(userFile, HoconParseOptions.Default with { ResolveImmediately = false });
        var overrides = ConfigurationFactory.FromEnvironmentOverrides(ConfigurationFactory.DefaultOverridePrefix, environment);
        return ConfigurationFactory.Layered(Reference, user, overrides);
    }

    public static TimeActorsSettings Load(string? userFile, IReadOnlyDictionary<string, string>? environment = null) =>
        TimeActorsSettings.FromConfig(LoadConfig(userFile, environment));
}
