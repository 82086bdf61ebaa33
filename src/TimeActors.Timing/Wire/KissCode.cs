namespace TimeActors.Timing.Wire;

/// <summary>
/// Kiss-o'-Death codes (RFC 5905 §7.4): a stratum-0 packet carries a four-ASCII-character code in
/// the reference ID field. Only the codes that change a client's behaviour are named.
/// </summary>
public static class KissCode
{
    /// <summary>"RATE": the client polls too often and must back off.</summary>
    public const uint Rate = 0x52415445;

    /// <summary>"DENY": access denied; the client must stop using this server.</summary>
    public const uint Deny = 0x44454E59;

    /// <summary>"RSTR": access restricted; the client must stop using this server.</summary>
    public const uint Restrict = 0x52535452;

    /// <summary>A KoD is a packet with stratum 0 (RFC 5905 calls it "unspecified or invalid").</summary>
    public static bool IsKissOfDeath(in NtpHeader header) => header.Stratum == 0;
}
