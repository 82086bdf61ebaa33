using System.Globalization;

namespace TimeActors.LoadGen.Figures;

/// <summary>
/// `timeactors run --config FILE` on loopback as a server: clock mode observe (never writes the
/// clock), synchronised to an upstream NTP server on 127.0.0.1 (so it answers at stratum 2, not
/// unsynchronised), serving 127/8 on a free port. <paramref name="serverExtra"/> adds HOCON keys
/// inside <c>server { }</c> (rate limiting, sockets).
/// </summary>
public sealed class LoopbackTimeActors : ManagedProcess
{
    public LoopbackTimeActors(string directory, int upstreamPort, string serverExtra, string? dllPath = null, string name = "timeactors")
        : base(name, directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        Port = FreePort.Udp();
        ConfigPath = Path.Combine(directory, "timeactors.conf");
        File.WriteAllText(ConfigPath, string.Create(CultureInfo.InvariantCulture, $$"""
            timeactors {
              clock.mode = observe
              control.socket = "{{Path.Combine(directory, "control.sock")}}"
              sources = [ { server = "127.0.0.1", port = {{upstreamPort}}, iburst = on, minpoll = 0, maxpoll = 0 } ]
              server {
                listen = ["127.0.0.1:{{Port}}"]
                allow = ["127.0.0.0/8"]
                {{serverExtra}}
              }
            }
            """));
        Start("dotnet", dllPath ?? DllPath, "run", "--config", ConfigPath);
    }

    /// <summary>The service assembly, copied next to ours by the project reference (another build may be named instead, e.g. to compare versions).</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "timeactors.dll");

    public int Port { get; }

    public string ConfigPath { get; }
}
