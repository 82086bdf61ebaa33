namespace TimeActors.Timing.Exchange;

/// <summary>The state of a source's single saved-response slot (ARCHITECTURE.md §4).</summary>
public enum SavedResponseState
{
    /// <summary>No response is waiting.</summary>
    Empty,

    /// <summary>A valid response waits for its request's hardware TX stamp, with the hwtstimeout timer armed.</summary>
    Waiting,
}
