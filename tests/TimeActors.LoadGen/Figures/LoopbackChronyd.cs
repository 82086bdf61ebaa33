using System.Globalization;
using TimeActors.EndToEnd.Tests.Chrony;

namespace TimeActors.LoadGen.Figures;

/// <summary>
/// chronyd on loopback, always <c>-x</c> (never touches the clock), in the foreground (<c>-d</c>),
/// with every file in its private directory: configuration, pid file, drift file, logs, and the
/// command socket (the UDP command port is off). As a server: <c>local stratum 1</c> for 127/8 on a
/// free port. As a client: the measurements log of one server, interleaved, four polls a second.
/// </summary>
public sealed class LoopbackChronyd : ManagedProcess
{
    private LoopbackChronyd(string name, string directory, IEnumerable<string> directives)
        : base(name, directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        ConfigPath = Path.Combine(directory, "chrony.conf");
        File.WriteAllLines(ConfigPath,
        [
            .. directives,
            "cmdport 0",
            $"bindcmdaddress {Path.Combine(directory, "chronyd.sock")}",
            $"pidfile {Path.Combine(directory, "chronyd.pid")}",
            $"driftfile {Path.Combine(directory, "chrony.drift")}",
            $"logdir {directory}",
        ]);
        Start("chronyd", "-x", "-d", "-u", "root", "-f", ConfigPath);
    }

    public string ConfigPath { get; }

    public int Port { get; private init; }

    public string MeasurementsLogPath => Path.Combine(Directory, "measurements.log");

    public static LoopbackChronyd Server(string directory, string name = "chronyd")
    {
        var port = FreePort.Udp();
        return new LoopbackChronyd(name, directory,
        [
            "local stratum 1",
            "allow 127.0.0.0/8",
            string.Create(CultureInfo.InvariantCulture, $"port {port}"),
        ])
        { Port = port };
    }

    /// <summary>A client of 127.0.0.1:<paramref name="serverPort"/> that serves nobody (port 0) and logs every measurement.</summary>
    public static LoopbackChronyd Client(string directory, int serverPort, int pollLog2 = -2, string name = "chronyd-client") =>
        new(name, directory,
        [
            string.Create(CultureInfo.InvariantCulture, $"server 127.0.0.1 port {serverPort} iburst minpoll {pollLog2} maxpoll {pollLog2} xleave"),
            "port 0",
            "log measurements",
        ]);

    public IReadOnlyList<ChronyMeasurement> Measurements() =>
        File.Exists(MeasurementsLogPath) ? ChronyMeasurementLog.Read(MeasurementsLogPath) : [];
}
