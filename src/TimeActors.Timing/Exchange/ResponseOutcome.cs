namespace TimeActors.Timing.Exchange;

/// <summary>The result of processing one response (why no sample came from it, or that one did).</summary>
public enum ResponseOutcome
{
    GoodSample = 0,

    /// <summary>The datagram is not a well-formed NTP packet (see the parse error).</summary>
    Malformed,

    /// <summary>Not a mode 4 (server) packet.</summary>
    NotServerMode,

    /// <summary>Test 1: receive and transmit fields equal the last accepted response's (a replay).</summary>
    Duplicate,

    /// <summary>Test 2: the origin field matches none of our outstanding request's nonces.</summary>
    BogusOrigin,

    /// <summary>Test 3: origin, receive or transmit is zero.</summary>
    ZeroTimestamp,

    /// <summary>Test 5: authentication failed.</summary>
    AuthenticationFailed,

    /// <summary>The request was already answered by a valid response (one response per request).</summary>
    AlreadyAnswered,

    /// <summary>Test 6: the server is unsynchronised or its stratum is out of 1..15.</summary>
    Unsynchronized,

    /// <summary>Test 7: the server's root distance is 16 s or more.</summary>
    RootDistanceTooLarge,

    /// <summary>Interleaved response, but the previous exchange's timestamps are not usable.</summary>
    InterleavedWithoutTimestamps,

    /// <summary>Test A: delay minus dispersion above maxdelay, or precision above maxdelay.</summary>
    DelayTooLarge,

    /// <summary>Test A: the server took more than 4 s between receive and transmit.</summary>
    ResponseTimeTooLong,

    /// <summary>Test A: an interleaved response right after a good basic one, whose timestamps were already used.</summary>
    InterleavedAfterBasic,

    /// <summary>Test D: the source is synchronised to us (synchronisation loop).</summary>
    SynchronizationLoop,

    /// <summary>Kiss-o'-Death RATE: polling backed off.</summary>
    KissRate,

    /// <summary>Kiss-o'-Death DENY or RSTR: the source is demobilised.</summary>
    KissDenied,

    /// <summary>The source is offline or demobilised; the response was ignored.</summary>
    NotActive,
}
