namespace TimeActors.Timing.Exchange;

/// <summary>The timers a source's exchange asks its actor to run.</summary>
public enum ExchangeTimer
{
    /// <summary>Time to send the next request (the actor then calls <see cref="ClientExchange.Transmit"/>).</summary>
    Transmit,

    /// <summary>No acceptable response to the current request: the per-request socket is closed.</summary>
    Receive,

    /// <summary>The wait for a late hardware TX stamp of a saved response (hwtstimeout).</summary>
    SavedResponse,
}
