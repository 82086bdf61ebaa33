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
    public static ChronyConfig Client(string server, bool xleave = true, int minPoll = FastPoll, int maxPoll = FastPoll, int port = 123) =>
        ClientOf([server], xleave, minPoll, maxPoll, port);

    /// <summary>
    /// A client of several servers at once, e.g. our server and a chronyd server side by side, so
    /// one measurements log holds both in the same run (the records carry the server address).
    /// </summary>
    public static ChronyConfig ClientOf(IEnumerable<string> servers, bool xleave = true, int minPoll = FastPoll, int maxPoll = FastPoll, int port = 123) => new(
    [
        .. servers.Select(server => ServerLine("server", server, xleave, minPoll, maxPoll, port)),
        "port 0",
        "log measurements statistics tracking",
    ]);

    /// <summary>A client of a pool name; chrony adds up to <paramref name="maxSources"/> of the addresses the name resolves to.</summary>
    public static ChronyConfig PoolClient(string pool, int maxSources = 4, bool xleave = true, int minPoll = FastPoll, int maxPoll = FastPoll) => new(
    [
        ServerLine("pool", pool, xleave, minPoll, maxPoll, 123) + string.Create(CultureInfo.InvariantCulture, $" maxsources {maxSources}"),
        "port 0",
        "log measurements statistics tracking",
    ]);

    private static string ServerLine(string directive, string server, bool xleave, int minPoll, int maxPoll, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{directive} {server} port {port} iburst minpoll {minPoll} maxpoll {maxPoll}{(xleave ? " xleave" : string.Empty)}");

    public ChronyConfig With(params string[] more) => new([.. Directives, .. more]);
}
