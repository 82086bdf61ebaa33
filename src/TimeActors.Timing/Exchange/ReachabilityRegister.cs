namespace TimeActors.Timing.Exchange;

/// <summary>
/// The 8-bit reachability shift register (RFC 5905 §13): shifted left at every request, the low bit
/// set when that request got a valid, synchronised response. Zero means unreachable.
/// </summary>
public readonly record struct ReachabilityRegister(byte Bits)
{
    public bool IsReachable => Bits != 0;

    public ReachabilityRegister Shift() => new(unchecked((byte)(Bits << 1)));

    public ReachabilityRegister MarkResponse() => new((byte)(Bits | 1));

    /// <summary>Octal, as chronyc and ntpq print it.</summary>
    public override string ToString() => Convert.ToString(Bits, 8);
}
