using System.Reflection;

namespace TimeActors.Hocon;

/// <summary>Entry points that turn text, files, resources and the environment into <see cref="Config"/>.</summary>
public static class ConfigurationFactory
{
    /// <summary>The prefix of environment variables that override configuration keys (Lightbend's convention).</summary>
    public const string DefaultOverridePrefix = "CONFIG_FORCE_";

    public static Config Empty => Config.Empty;

    /// <summary>Parses (and unless told otherwise resolves) HOCON, JSON or .properties text.</summary>
    public static Config ParseString(string hocon, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        options ??= HoconParseOptions.Default;
        var loader = new HoconLoader(options);
        var root = loader.ParseText(hocon, options.OriginDescription, options.Syntax, options.BaseDirectory, []);
        return Finish(root, options);
    }

    /// <summary>Parses a file; the syntax follows its extension (.conf, .json, .properties); includes are relative to it.</summary>
    public static Config Load(string file, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= HoconParseOptions.Default;
        if (!File.Exists(file))
        {
            throw new HoconException(new HoconOrigin(Path.GetFullPath(file), 0, 0), "configuration file not found");
        }

        var loader = new HoconLoader(options);
        var root = loader.ParseFile(file, HoconLoader.SyntaxOf(file), [], null);
        return Finish(root, options);
    }

    /// <summary>Parses an embedded resource (such as a reference.conf) of an assembly.</summary>
    public static Config FromResource(Assembly assembly, string resourceName, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new HoconException(new HoconOrigin(resourceName, 0, 0), $"no embedded resource `{resourceName}` in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        options ??= HoconParseOptions.Default;
        return ParseString(reader.ReadToEnd(), options with { OriginDescription = resourceName, Syntax = HoconLoader.SyntaxOf(resourceName) });
    }

    /// <summary>
    /// Keys from environment variables named <c>{prefix}path</c>, where <c>_</c> stands for <c>.</c>,
    /// <c>__</c> for <c>-</c> and <c>___</c> for <c>_</c> (CONFIG_FORCE_timeactors_actors_ask__timeout).
    /// Values are strings, converted when read.
    /// </summary>
    public static Config FromEnvironmentOverrides(string prefix = DefaultOverridePrefix, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = new HoconObject(new HoconOrigin("environment", 0, 0));
        IEnumerable<KeyValuePair<string, string>> variables = environment
            ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Select(e => new KeyValuePair<string, string>((string)e.Key, e.Value as string ?? ""));
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
            {
                continue;
            }

            var keys = EnvironmentNameToKeys(name[prefix.Length..]);
            var origin = new HoconOrigin($"env var {name}", 0, 0);
            HoconValue wrapped = HoconScalar.String(value, origin);
            for (var i = keys.Count - 1; i > 0; i--)
            {
                var o = new HoconObject(origin);
                o.Set(keys[i], wrapped);
                wrapped = o;
            }

            root.Set(keys[0], HoconMerge.Merge(root.TryGetValue(keys[0], out var existing) ? existing : null, wrapped, inPlace: true));
        }

        return new Config(root, HoconParseOptions.Default, null);
    }

    /// <summary>
    /// The spec's layering: the reference must resolve by itself; the application and the overrides
    /// are then laid over the unresolved reference and everything is resolved together, so the
    /// application can change values the reference refers to.
    /// </summary>
    public static Config Layered(Config reference, Config? application = null, Config? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.Resolve();
        var result = application is null ? reference : application.WithFallback(reference);
        if (overrides is not null)
        {
            result = overrides.WithFallback(result);
        }

        return result.Resolve();
    }

    internal static List<string> EnvironmentNameToKeys(string name)
    {
        var keys = new List<string>();
        var current = new System.Text.StringBuilder();
        var i = 0;
        while (i < name.Length)
        {
            if (name[i] != '_')
            {
                current.Append(name[i++]);
                continue;
            }

            var run = 0;
            while (i < name.Length && name[i] == '_')
            {
                run++;
                i++;
            }

            for (; run >= 3; run -= 3)
            {
                current.Append('_');
            }

            if (run == 2)
            {
                current.Append('-');
            }
            else if (run == 1)
            {
                keys.Add(current.ToString());
                current.Clear();
            }
        }

        keys.Add(current.ToString());
        return keys;
    }

    private static Config Finish(HoconObject root, HoconParseOptions options)
    {
        var config = new Config(root, options, null);
        return options.ResolveImmediately ? config.Resolve() : config;
    }
}
