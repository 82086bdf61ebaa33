namespace TimeActors.Timing.Hardware;

/// <summary>
/// NICs stamp a received frame at its start, NTP means its end: the RX hardware stamp is moved by the
/// frame's time on the wire (layer-2 length plus the 4-byte FCS at the link speed; preamble and SFD
/// are not counted, as in chrony).
/// </summary>
public static class Layer2Transposition
{
    /// <summary>Ethernet + IPv4 + UDP headers in front of the payload when the kernel gives no length.</summary>
    public const int IPv4HeaderBytes = 42;

    /// <summary>Ethernet + IPv6 + UDP headers in front of the payload when the kernel gives no length.</summary>
    public const int IPv6HeaderBytes = 62;

    /// <summary>The frame check sequence after the payload, not included in the kernel's length.</summary>
    public const int FcsBytes = 4;

    /// <summary>The assumed layer-2 length of a UDP datagram of <paramref name="payloadBytes"/> (FCS excluded).</summary>
    public static int AssumedLength(int payloadBytes, bool ipv6) => payloadBytes + (ipv6 ? IPv6HeaderBytes : IPv4HeaderBytes);

    /// <summary>
    /// Time on the wire, in ns, of a frame of <paramref name="layer2Length"/> bytes (FCS excluded) at
    /// <paramref name="linkSpeedMbps"/>; 0 when either is unknown (0 or less): no transposition.
    /// </summary>
    public static double RxDurationNs(int layer2Length, int linkSpeedMbps) =>
        layer2Length <= 0 || linkSpeedMbps <= 0 ? 0 : (layer2Length + FcsBytes) * 8000.0 / linkSpeedMbps;
}
