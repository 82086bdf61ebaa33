namespace TimeActors.Timing.Exchange;

/// <summary>Why a response was processed when it was: directly, or which event released it after saving.</summary>
public enum SavedResponseRelease
{
    /// <summary>The response was processed on arrival (not saved).</summary>
    NotSaved = 0,

    /// <summary>The request's hardware TX stamp arrived.</summary>
    HardwareTxStamp,

    /// <summary>The hwtstimeout expired; processed with the best TX stamp known then.</summary>
    Timeout,

    /// <summary>The next request was about to be sent.</summary>
    NextTransmission,

    /// <summary>A second valid response arrived while this one waited.</summary>
    SecondResponse,
}
