using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>
/// Reads the keys of one section (or of one list entry), collecting every error instead of stopping
/// at the first, so an operator sees all problems of a file at once.
/// </summary>
public sealed class SettingsReader
{
    private readonly Func<string, HoconValue?> _lookup;
    private readonly string _displayPrefix;
    private readonly HoconOrigin _fallbackOrigin;
    private readonly List<SettingsError> _errors;

    public SettingsReader(Config config, SettingsSection section, List<SettingsError> errors)
        : this(key => config.GetValue($"{section.Path}.{key}"), section.Path, new HoconOrigin("(merged configuration)", 0, 0), errors)
    {
        ArgumentNullException.ThrowIfNull(config);
    }

    /// <param name="lookup">Finds a key's value (relative key in, null when unset).</param>
    /// <param name="displayPrefix">Shown before the key in errors, e.g. <c>timeactors.sources[2]</c>.</param>
    /// <param name="fallbackOrigin">Where to point errors about a missing key.</param>
    public SettingsReader(Func<string, HoconValue?> lookup, string displayPrefix, HoconOrigin fallbackOrigin, List<SettingsError> errors)
    {
        _lookup = lookup;
        _displayPrefix = displayPrefix;
        _fallbackOrigin = fallbackOrigin;
        _errors = errors;
    }

    /// <summary>How many errors all readers sharing this list have recorded so far.</summary>
    public int ErrorCount => _errors.Count;

    /// <summary>The path shown for a key in errors.</summary>
    public string PathOf(SettingKey key) => $"{_displayPrefix}.{key.Key}";

    /// <summary>Whether the key is set (to anything but null).</summary>
    public bool IsSet(SettingKey key) => _lookup(key.Key) is { Type: not HoconType.Null };

    /// <summary>Where the key was set, or where the section/entry starts when it is not.</summary>
    public HoconOrigin OriginOf(SettingKey key) => _lookup(key.Key)?.Origin ?? _fallbackOrigin;

    /// <summary>Records a problem that involves the key's value beyond its form (e.g. minpoll above maxpoll).</summary>
    public void Fail(SettingKey key, string message) => _errors.Add(new SettingsError(OriginOf(key), PathOf(key), message));

    /// <summary>The converted value of <paramref name="key"/>; on error records it and returns default.</summary>
    public T Get<T>(SettingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = _lookup(key.Key);
        if (value is null)
        {
            _errors.Add(new SettingsError(_fallbackOrigin, PathOf(key), $"is missing; expected {key.ExpectedForm} (reference.conf sets a default, so an override removed it)"));
            return default!;
        }

        return Convert<T>(key, value);
    }

    /// <summary>The value when set; false (and no error) when the key is absent or null.</summary>
    public bool TryGet<T>(SettingKey key, out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var raw = _lookup(key.Key);
        if (raw is null or { Type: HoconType.Null })
        {
            value = default!;
            return false;
        }

        var before = _errors.Count;
        value = Convert<T>(key, raw);
        return _errors.Count == before;
    }

    private T Convert<T>(SettingKey key, HoconValue value)
    {
        var read = key.Read(value);
        if (read is null or ReadFailure)
        {
            var at = read is ReadFailure f ? f.At : value;
            var shown = at is HoconScalar s ? $"`{s.Text}`" : $"an {at.Type.ToString().ToLowerInvariant()}";
            _errors.Add(new SettingsError(at.Origin, PathOf(key), $"{shown} is not valid; expected {key.ExpectedForm}"));
            return default!;
        }

        return read is T typed ? typed : (T)System.Convert.ChangeType(read, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
