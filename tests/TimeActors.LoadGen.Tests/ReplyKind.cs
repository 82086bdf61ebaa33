namespace TimeActors.LoadGen.Tests;

/// <summary>What the <see cref="LoopbackResponder"/> does with one request.</summary>
internal enum ReplyKind
{
    Proper,
    Drop,

    /// <summary>A reply whose origin is not the request's transmit field (one bit flipped).</summary>
    WrongOrigin,

    /// <summary>Leap indicator 3: the server is not synchronised, so the reply is not valid time.</summary>
    Unsynchronised,

    /// <summary>Stratum 0 with a RATE code.</summary>
    KissOfDeath,
}
