using System.Globalization;

namespace TimeActors.Hocon;

/// <summary>
/// A configuration in Akka.NET's shape: getters with defaults that do not throw on missing paths,
/// <see cref="GetTimeSpan"/> with <c>infinite</c>, <see cref="WithFallback"/> layering. A Config keeps
/// its unresolved tree so layers merged with WithFallback are resolved together, as the spec's
/// reference/application note asks. A value of the wrong form throws <see cref="HoconException"/>
/// naming the file and line that set it and the form expected.
/// </summary>
public sealed class Config
{
    private static readonly HoconParseOptions EmptyOptions = new() { UseEnvironmentVariables = false };

    private readonly HoconObject _unresolved;
    private HoconObject? _resolved;

    internal Config(HoconObject unresolved, HoconParseOptions options, HoconObject? resolved)
    {
        _unresolved = unresolved;
        Options = options;
        _resolved = resolved;
    }

    public static Config Empty { get; } = new(new HoconObject(HoconOrigin.None), EmptyOptions, new HoconObject(HoconOrigin.None));

    public HoconParseOptions Options { get; }

    /// <summary>The resolved root object (resolving on first use; throws if a substitution cannot be resolved).</summary>
    public HoconObject Root => _resolved ??= HoconResolver.Resolve(_unresolved, Options.UseEnvironmentVariables);

    public bool IsEmpty => Root.Count == 0;

    /// <summary>Resolves now, so errors surface here rather than at the first getter.</summary>
    public Config Resolve()
    {
        _ = Root;
        return this;
    }

    /// <summary>This configuration over <paramref name="fallback"/>: objects merge, other values of this one win.</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (ReferenceEquals(fallback, this) || fallback._unresolved.Count == 0)
        {
            return this;
        }

        var merged = HoconMerge.MergeObjects(fallback._unresolved, _unresolved, inPlace: false);
        return new Config(merged, Options, null);
    }

    /// <summary>The value at a path expression, or null when nothing is set there.</summary>
    public HoconValue? GetValue(string path)
    {
        HoconValue current = Root;
        foreach (var key in HoconPath.Parse(path).Elements)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when a non-null value is set at the path.</summary>
    public bool HasPath(string path) => GetValue(path) is { Type: not HoconType.Null };

    public string? GetString(string path, string? defaultValue = null)
    {
        var v = GetValue(path);
        return v switch
        {
            null or { Type: HoconType.Null } => defaultValue,
            HoconScalar s => s.Text,
            _ => throw WrongType(path, v, "a string"),
        };
    }

    public int GetInt(string path, int defaultValue = 0)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        if (v is HoconScalar s && s.TryGetLong(out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            return (int)l;
        }

        throw WrongType(path, v, "a whole number between -2147483648 and 2147483647");
    }

    public long GetLong(string path, long defaultValue = 0)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        return v is HoconScalar s && s.TryGetLong(out var l) ? l : throw WrongType(path, v, "a whole number");
    }

    public double GetDouble(string path, double defaultValue = 0)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        return v is HoconScalar s && s.TryGetDouble(out var d) ? d : throw WrongType(path, v, "a number");
    }

    public float GetFloat(string path, float defaultValue = 0) => (float)GetDouble(path, defaultValue);

    public decimal GetDecimal(string path, decimal defaultValue = 0)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        return v is HoconScalar s && decimal.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw WrongType(path, v, "a number");
    }

    /// <summary>true/yes/on and false/no/off, as the spec's conversions say.</summary>
    public bool GetBoolean(string path, bool defaultValue = false)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        return v is HoconScalar s && TryParseBoolean(s.Text, out var b) ? b : throw WrongType(path, v, "a boolean (true/false, yes/no, on/off)");
    }

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A duration (bare numbers are milliseconds); <c>infinite</c> gives <see cref="Timeout.InfiniteTimeSpan"/> when allowed.</summary>
    public TimeSpan GetTimeSpan(string path, TimeSpan? defaultValue = null, bool allowInfinite = true)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue ?? default;
        }

        return v is HoconScalar s ? HoconUnits.ParseDuration(s.Text, s.Origin, allowInfinite) : throw WrongType(path, v, HoconUnits.DurationForm);
    }

    /// <summary>A size in bytes (bare numbers are bytes), or the default when unset.</summary>
    public long? GetByteSize(string path, long? defaultValue = null)
    {
        var v = GetValue(path);
        if (v is null or { Type: HoconType.Null })
        {
            return defaultValue;
        }

        return v is HoconScalar s ? HoconUnits.ParseByteSize(s.Text, s.Origin) : throw WrongType(path, v, HoconUnits.SizeForm);
    }

    /// <summary>The list at a path; an object whose keys are whole numbers counts as a list in key order.</summary>
    public IReadOnlyList<HoconValue> GetValueList(string path)
    {
        var v = GetValue(path);
        switch (v)
        {
            case null or { Type: HoconType.Null }:
                return [];
            case HoconArray a:
                return a.Items;
            case HoconObject o:
                var indexed = new List<(int Index, HoconValue Value)>();
                foreach (var (key, value) in o.Fields)
                {
                    if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        indexed.Add((index, value));
                    }
                }

                if (indexed.Count == 0 && o.Count > 0)
                {
                    throw WrongType(path, v, "a list (or an object with numeric keys)");
                }

                return [.. indexed.OrderBy(e => e.Index).Select(e => e.Value)];
            default:
                throw WrongType(path, v, "a list");
        }
    }

    public IList<string> GetStringList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s && s.Type != HoconType.Null ? s.Text : throw WrongType(path, e, "a list of strings"))];

    public IList<int> GetIntList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s && s.TryGetLong(out var l) && l is >= int.MinValue and <= int.MaxValue ? (int)l : throw WrongType(path, e, "a list of whole numbers"))];

    public IList<long> GetLongList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s && s.TryGetLong(out var l) ? l : throw WrongType(path, e, "a list of whole numbers"))];

    public IList<double> GetDoubleList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s && s.TryGetDouble(out var d) ? d : throw WrongType(path, e, "a list of numbers"))];

    public IList<bool> GetBooleanList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s && TryParseBoolean(s.Text, out var b) ? b : throw WrongType(path, e, "a list of booleans"))];

    public IList<TimeSpan> GetTimeSpanList(string path, bool allowInfinite = true) => [.. GetValueList(path).Select(e => e is HoconScalar s ? HoconUnits.ParseDuration(s.Text, s.Origin, allowInfinite) : throw WrongType(path, e, "a list of durations"))];

    public IList<long> GetByteSizeList(string path) => [.. GetValueList(path).Select(e => e is HoconScalar s ? HoconUnits.ParseByteSize(s.Text, s.Origin) : throw WrongType(path, e, "a list of sizes"))];

    public IList<Config> GetConfigList(string path) => [.. GetValueList(path).Select(e => e is HoconObject o ? new Config(o, Options, o) : throw WrongType(path, e, "a list of objects"))];

    /// <summary>The object at a path as a Config of its own; <see cref="Empty"/> when nothing is set.</summary>
    public Config GetConfig(string path)
    {
        var v = GetValue(path);
        return v switch
        {
            null or { Type: HoconType.Null } => Empty,
            HoconObject o => new Config(o, Options, o),
            _ => throw WrongType(path, v, "an object"),
        };
    }

    /// <summary>Every leaf value (and empty object) with its full path, in document order.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Flatten(Root, "");

    private static IEnumerable<KeyValuePair<string, HoconValue>> Flatten(HoconObject obj, string prefix)
    {
        foreach (var (key, value) in obj.Fields)
        {
            var path = prefix.Length == 0 ? HoconPath.RenderKey(key) : prefix + "." + HoconPath.RenderKey(key);
            if (value is HoconObject child && child.Count > 0)
            {
                foreach (var leaf in Flatten(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return new KeyValuePair<string, HoconValue>(path, value);
            }
        }
    }

    /// <summary>Parses HOCON text, as Akka.NET's implicit conversion does.</summary>
    public static Config FromString(string hocon) => ConfigurationFactory.ParseString(hocon);

    public static implicit operator Config(string hocon) => FromString(hocon);

    public override string ToString() => HoconRenderer.Render(Root);

    private static HoconException WrongType(string path, HoconValue value, string expected)
    {
        var shown = value is HoconScalar s ? $"`{s.Text}`" : value.Type.ToString().ToLowerInvariant();
        return new HoconException(value.Origin, $"`{path}` must be {expected}, but is {shown}");
    }
}
