namespace TimeActors.Timing.Exchange;

/// <summary>Whether a source is being polled.</summary>
public enum SourceActivity
{
    /// <summary>Not polled (initial state, or taken offline); can go online again.</summary>
    Offline,

    /// <summary>Polled at the current poll interval.</summary>
    Online,

    /// <summary>The server refused us (KoD DENY or RSTR); the source is never polled again.</summary>
    Demobilized,
}
