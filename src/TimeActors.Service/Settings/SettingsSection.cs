namespace TimeActors.Service.Settings;

/// <summary>A block of keys under <c>timeactors</c>, e.g. <c>timeactors.actors</c>.</summary>
public sealed record SettingsSection(string Path, IReadOnlyList<SettingKey> Keys)
{
    public string FullPath(SettingKey key) => $"{Path}.{key.Key}";
}
