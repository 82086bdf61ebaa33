using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// One UDP socket in a namespace as <c>ss -H -u -a -n -p</c> lists it: where a fault test finds the
/// ports a client under test has open right now (per-request sockets have random ports).
/// </summary>
public sealed partial record UdpSocketInfo(IPEndPoint Local, string Peer, string? Device, string? ProcessName, int? Pid)
{
    public static IReadOnlyList<UdpSocketInfo> Parse(string output)
    {
        var sockets = new List<UdpSocketInfo>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                throw new FormatException($"unexpected ss line: {line}");
            }

            // "10.200.0.2%tae1x1b:40000", "[::]:123", "*:123": address, optional device, port.
            var local = f[3];
            var colon = local.LastIndexOf(':');
            var host = local[..colon];
            string? device = null;
            if (host.IndexOf('%', StringComparison.Ordinal) is var percent and >= 0)
            {
                device = host[(percent + 1)..].TrimEnd(']');
                host = host[..percent] + (host.StartsWith('[') ? "]" : string.Empty);
            }

            var address = host is "*" ? IPAddress.IPv6Any : IPAddress.Parse(host.Trim('[', ']'));
            var port = int.Parse(local[(colon + 1)..], CultureInfo.InvariantCulture);
            var users = f.Length > 5 ? Users().Match(f[5]) : Match.Empty;
            sockets.Add(new UdpSocketInfo(
                new IPEndPoint(address, port), f[4], device,
                users.Success ? users.Groups[1].Value : null,
                users.Success ? int.Parse(users.Groups[2].Value, CultureInfo.InvariantCulture) : null));
        }

        return sockets;
    }

    [GeneratedRegex("""\(\("([^"]*)",pid=(\d+),""")]
    private static partial Regex Users();
}
