using Microsoft.Extensions.Logging;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.logging</c>, bound onto <see cref="LoggingSettings"/>.</summary>
public static class LoggingSettingsSection
{
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.Ordinal)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["critical"] = LogLevel.Critical,
        ["off"] = LogLevel.None,
    };

    public static readonly SettingKey Level = SettingKey.Choice("level", [.. Levels.Keys], "Minimum level written.");

    public static readonly SettingKey Format = SettingKey.Choice("format", ["console", "json"], "Console text or JSON lines.");

    public static readonly SettingKey File = SettingKey.Text("file", "Also write logs to this file; empty for none.");

    public static SettingsSection Section { get; } = new("timeactors.logging", [Level, Format, File]);

    public static LoggingSettings Bind(SettingsReader r)
    {
        var level = r.Get<string>(Level);
        var format = r.Get<string>(Format);
        var file = r.Get<string>(File);
        return new LoggingSettings
        {
            Level = level is not null && Levels.TryGetValue(level, out var l) ? l : LogLevel.Information,
            Format = format == "json" ? LogFormat.Json : LogFormat.Console,
            File = string.IsNullOrEmpty(file) ? null : file,
        };
    }
}
