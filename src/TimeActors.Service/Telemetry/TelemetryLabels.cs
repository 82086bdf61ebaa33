using System.Net;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// Label names and values shared by every instrument of the service meter. Values come only from
/// configuration (source names, resolved addresses, interface names) and fixed enums, so the number
/// of series is bounded by the configuration.
/// </summary>
public static class TelemetryLabels
{
    public const string Source = "source";
    public const string Address = "address";
    public const string Interface = "interface";
    public const string Kind = "kind";
    public const string Outcome = "outcome";
    public const string Code = "code";
    public const string State = "state";
    public const string Version = "version";

    /// <summary>The network port not tied to a device is named "*"; the label says what it is.</summary>
    public const string AnyInterface = "any";

    /// <summary>A source's address as a label: the IP alone for the NTP port, IP:port otherwise (two servers on one host stay apart).</summary>
    public static string AddressValue(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        return IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port == 123 ? endpoint.Address.ToString() : address;
    }

    public static string InterfaceValue(string? name) => string.IsNullOrEmpty(name) || name == "*" ? AnyInterface : name;

    /// <summary>Snake-case of an enum member for label values: ReleasedByStamp → released_by_stamp.</summary>
    public static string EnumValue<T>(T value)
        where T : struct, Enum => Snake(value.ToString());

    public static string Snake(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var b = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(c));
        }

        return b.ToString();
    }
}
