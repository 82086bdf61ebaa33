namespace TimeActors.Service.Settings;

/// <summary>How log lines are written: human-readable console text or one JSON object per line.</summary>
public enum LogFormat
{
    Console,
    Json,
}
