namespace TimeActors.Timing.Server;

/// <summary>What the rate limiter says about one request.</summary>
public enum RateLimitVerdict
{
    /// <summary>Within the client's allowance: respond.</summary>
    Allowed,

    /// <summary>Over the allowance but let through by the leak: respond.</summary>
    Leaked,

    /// <summary>Over the allowance: do not respond.</summary>
    Dropped,
}
