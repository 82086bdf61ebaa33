namespace TimeActors.Timing.Wire;

/// <summary>The three mode bits of the NTP header (RFC 5905 figure 10).</summary>
public enum NtpMode : byte
{
    Reserved = 0,
    SymmetricActive = 1,
    SymmetricPassive = 2,
    Client = 3,
    Server = 4,
    Broadcast = 5,

    /// <summary>NTP control messages (ntpq); a different header layout, not parsed here.</summary>
    Control = 6,

    /// <summary>Private (ntpdc, mode 7); not parsed here.</summary>
    Private = 7,
}
