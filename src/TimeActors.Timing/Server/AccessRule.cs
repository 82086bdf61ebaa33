using System.Net;

namespace TimeActors.Timing.Server;

/// <summary>
/// One allow or deny line: a network in CIDR form. A rule with <see cref="BothFamilies"/> (chrony's
/// bare <c>allow</c>/<c>deny</c> or <c>all</c>) covers every IPv4 and IPv6 address.
/// </summary>
public readonly record struct AccessRule(ClientAddress Network, int PrefixLength, bool Allow, bool BothFamilies = false)
{
    public static AccessRule AllowAll { get; } = new(default, 0, true, true);

    public static AccessRule DenyAll { get; } = new(default, 0, false, true);

    /// <summary>
    /// Parses "192.168.0.0/16", "2001:db8::/32", a bare address (a host rule) or "all". Host bits
    /// after the prefix are ignored, as chrony does.
    /// </summary>
    public static AccessRule Parse(string text, bool allow)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase))
            return allow ? AllowAll : DenyAll;

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out var ip))
            throw new FormatException($"'{text}' is not an IP address or CIDR network.");

        var address = ClientAddress.FromIPAddress(ip);
        var length = address.BitLength;
        if (slash >= 0)
        {
            var written = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
            if (!int.TryParse(trimmed[(slash + 1)..], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out length) || length > written)
                throw new FormatException($"'{text}' has a prefix length outside 0..{written}.");

            // An IPv4-mapped IPv6 network was folded to IPv4: its prefix counts from bit 96.
            if (address.IsIPv4 && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                if (length < 96)
                    throw new FormatException($"'{text}': an IPv4-mapped network needs a prefix of at least 96.");
                length -= 96;
            }
        }

        return new AccessRule(address.Mask(length), length, allow);
    }

    public override string ToString() =>
        (Allow ? "allow " : "deny ") + (BothFamilies ? "all" : $"{Network}/{PrefixLength}");
}
