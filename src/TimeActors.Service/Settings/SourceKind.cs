namespace TimeActors.Service.Settings;

/// <summary>How a configured source name becomes servers: one address, or several from a DNS pool.</summary>
public enum SourceKind
{
    /// <summary>One NTP server (a DNS name or an address; the first resolved address is used).</summary>
    Server,

    /// <summary>A DNS name standing for many servers; up to <see cref="SourceSettings.PoolCount"/> of its addresses are used.</summary>
    Pool,
}
