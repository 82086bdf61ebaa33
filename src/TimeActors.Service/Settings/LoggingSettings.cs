using Microsoft.Extensions.Logging;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.logging</c>: minimum level, output format and an optional log file.</summary>
public sealed record LoggingSettings
{
    public LogLevel Level { get; init; } = LogLevel.Information;

    public LogFormat Format { get; init; } = LogFormat.Console;

    /// <summary>Also write logs to this file; null writes to the console only.</summary>
    public string? File { get; init; }
}
