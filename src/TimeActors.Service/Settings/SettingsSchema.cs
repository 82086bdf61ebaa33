using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>
/// Every section the service knows. To add settings: write a section class (a key table plus a Bind
/// function, like <see cref="ActorSettingsSection"/>), list it in <see cref="Sections"/>, add its keys
/// with defaults and comments to hocon/reference.conf and a property to <see cref="TimeActorsSettings"/>.
/// </summary>
public static class SettingsSchema
{
    public const string Root = "timeactors";

    // The root section (keys directly under `timeactors`) comes last so hints prefer the named sections.
    public static IReadOnlyList<SettingsSection> Sections { get; } =
    [
        ActorSettingsSection.Section,
        LoggingSettingsSection.Section,
        SourceSettingsSection.Defaults,
        HardwareTimestampingSettingsSection.Defaults,
        ClientSettingsSection.Section,
        ServerSettingsSection.Section,
        ClockSettingsSection.Section,
        ControlSettingsSection.Section,
        MetricsSettingsSection.Section,
        ServiceSettingsSection.Section,
    ];

    /// <summary>Full paths of every known key.</summary>
    public static IReadOnlyList<string> KnownPaths { get; } = [.. Sections.SelectMany(s => s.Keys.Select(s.FullPath))];

    /// <summary>Keys under <c>timeactors</c> that no section knows, each with the nearest known key as a hint.</summary>
    public static IReadOnlyList<SettingsError> FindUnknownKeys(Config config)
    {
        var errors = new List<SettingsError>();
        var root = config.GetConfig(Root);
        var known = new HashSet<string>(KnownPaths, StringComparer.Ordinal);
        foreach (var (relative, value) in root.AsEnumerable())
        {
            var path = $"{Root}.{relative}";
            if (known.Contains(path))
            {
                continue;
            }

            // Something written inside a known key (an object where a list belongs): that key reports the wrong form.
            if (KnownPaths.Any(k => path.StartsWith(k + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            errors.Add(new SettingsError(value.Origin, path, "unknown key" + Hint(path)));
        }

        return errors;
    }

    private static string Hint(string path)
    {
        // Prefer a key of the same section and show it the way the user would write it there.
        var section = Sections.FirstOrDefault(s => path.StartsWith(s.Path + ".", StringComparison.Ordinal));
        if (section is not null)
        {
            var relative = path[(section.Path.Length + 1)..];
            var nearKey = KeySuggester.Nearest(relative, section.Keys.Select(k => k.Key));
            if (nearKey is not null)
            {
                return $"; did you mean `{nearKey}`?";
            }
        }

        var near = KeySuggester.Nearest(path, KnownPaths);
        return near is null ? $"; known sections are {string.Join(", ", Sections.Select(s => $"`{s.Path}`"))}" : $"; did you mean `{near}`?";
    }
}
