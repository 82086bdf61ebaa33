using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>One thing wrong with the configuration: where it was set, which key, what was expected.</summary>
public sealed record SettingsError(HoconOrigin Origin, string Path, string Message)
{
    public override string ToString() => $"{Origin}: `{Path}`: {Message}";
}
