using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>
/// Reads the keys of one section, collecting every error instead of stopping at the first, so an
/// operator sees all problems of a file at once.
/// </summary>
public sealed class SettingsReader
{
    private readonly Config _config;
    private readonly SettingsSection _section;
    private readonly List<SettingsError> _errors;

    public SettingsReader(Config config, SettingsSection section, List<SettingsError> errors)
    {
        _config = config;
        _section = section;
        _errors = errors;
    }

    /// <summary>The converted value of <paramref name="key"/>; on error records it and returns default.</summary>
    public T Get<T>(SettingKey key)
    {
        var path = _section.FullPath(key);
        var value = _config.GetValue(path);
        if (value is null)
        {
            _errors.Add(new SettingsError(new HoconOrigin("(merged configuration)", 0, 0), path, $"is missing; expected {key.ExpectedForm} (reference.conf sets a default, so an override removed it)"));
            return default!;
        }

        var read = key.Read(value);
        if (read is null)
        {
            var shown = value is HoconScalar s ? $"`{s.Text}`" : $"an {value.Type.ToString().ToLowerInvariant()}";
            _errors.Add(new SettingsError(value.Origin, path, $"{shown} is not valid; expected {key.ExpectedForm}"));
            return default!;
        }

        return read is T typed ? typed : (T)Convert.ChangeType(read, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
