using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>
/// Reads a list of objects such as <c>timeactors.sources = [ { server = "a" }, { pool = "b" } ]</c>.
/// Each entry is laid over a defaults section (<c>timeactors.source-defaults</c>), so every key keeps
/// one documented default in reference.conf and an operator can change a default for all entries.
/// Keys an entry does not know are errors with a "did you mean" hint, like unknown keys anywhere else.
/// </summary>
public static class SettingsEntries
{
    /// <param name="config">The merged configuration.</param>
    /// <param name="listPath">Where the list is, e.g. <c>timeactors.sources</c>.</param>
    /// <param name="defaults">The section whose keys are each entry's defaults.</param>
    /// <param name="entryOnlyKeys">Keys only an entry may set (e.g. <c>server</c>), without defaults.</param>
    /// <param name="bind">Binds one entry; returns null when the entry is unusable (having recorded why).</param>
    public static ValueList<T> Read<T>(
        Config config,
        string listPath,
        SettingsSection defaults,
        IReadOnlyList<SettingKey> entryOnlyKeys,
        Func<SettingsReader, HoconOrigin, T?> bind,
        List<SettingsError> errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(bind);

        // A list of the wrong form is reported by the key that declares the list.
        if (config.GetValue(listPath) is not HoconArray list)
        {
            return ValueList<T>.Empty;
        }

        var known = defaults.Keys.Concat(entryOnlyKeys).Select(k => k.Key).ToList();
        var result = new List<T>(list.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var display = $"{listPath}[{i}]";
            if (list.Items[i] is not HoconObject entry)
            {
                errors.Add(new SettingsError(list.Items[i].Origin, display, $"is not an object; expected {{ key = value, … }} with keys {string.Join(", ", known.Select(k => $"`{k}`"))}"));
                continue;
            }

            foreach (var (key, value) in Flatten(entry, ""))
            {
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    var near = KeySuggester.Nearest(key, known);
                    var hint = near is null ? $"; known keys are {string.Join(", ", known.Select(k => $"`{k}`"))}" : $"; did you mean `{near}`?";
                    errors.Add(new SettingsError(value.Origin, $"{display}.{key}", "unknown key" + hint));
                }
            }

            var reader = new SettingsReader(
                key => Find(entry, key) ?? config.GetValue($"{defaults.Path}.{key}"),
                display,
                entry.Origin,
                errors);
            var bound = bind(reader, entry.Origin);
            if (bound is not null)
            {
                result.Add(bound);
            }
        }

        return new ValueList<T>(result);
    }

    private static HoconValue? Find(HoconObject entry, string key)
    {
        HoconValue current = entry;
        foreach (var part in key.Split('.'))
        {
            if (current is not HoconObject o || !o.TryGetValue(part, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static IEnumerable<(string Key, HoconValue Value)> Flatten(HoconObject obj, string prefix)
    {
        foreach (var (key, value) in obj.Fields)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is HoconObject child && child.Count > 0)
            {
                foreach (var leaf in Flatten(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }
}
