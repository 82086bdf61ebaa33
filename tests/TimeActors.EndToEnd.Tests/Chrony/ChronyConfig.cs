using System.Globalization;
using System.Net;
using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// The role-specific directives of a chrony.conf. <see cref="ChronydProcess"/> appends the
/// directives that keep the daemon private to the test (command socket, pid file and logs in the
/// work directory, no UDP command port, no drift file).
/// </summary>
public sealed record ChronyConfig(IReadOnlyList<string> Directives)
{
    /// <summary>
    /// chrony accepts poll exponents down to -6 (1/64 s); -4 gives 16 exchanges a second, plenty of
    /// samples within a few seconds without loading a shared machine.
    /// </summary>
    public const int FastPoll = -4;

    /// <summary>A stratum-1 server on port 123 from its local clock, open to the testbed subnet. Interleaved answers need no option on the server side.</summary>
    public static ChronyConfig Server(int stratum = 1) => new(
    [
        $"local stratum {stratum.ToString(CultureInfo.InvariantCulture)}",
        $"allow {NetworkTestbed.Subnet}",
    ]);

    /// <summary>
    /// A client of <paramref name="server"/> that never serves (port 0) and logs every valid
    /// measurement, with the regression statistics and tracking.
    /// </summary>
    public static ChronyConfig Client(IPAddress server, bool xleave = true, int minPoll = FastPoll, int maxPoll = FastPoll, int port = 123) =>
        Client(server.ToString(), xleave, minPoll, maxPoll, port);

    /// <summary>As <see cref="Client(IPAddress, bool, int, int, int)"/> for a host name (resolved through the namespace's hosts file).</summary>
    public static ChronyConfig Client(string server, bool xleave = true, int minPoll = FastPoll, int maxPoll = FastPoll, int port = 123) => new(
    [
        string.Create(CultureInfo.InvariantCulture, $"server {server} port {port} iburst minpoll {minPoll} maxpoll {maxPoll}{(xleave ? " xleave" : string.Empty)}"),
        "port 0",
        "log measurements statistics tracking",
    ]);

    public ChronyConfig With(params string[] more) => new([.. Directives, .. more]);
}
