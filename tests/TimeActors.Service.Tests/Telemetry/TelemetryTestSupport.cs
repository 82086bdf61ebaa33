using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TimeActors.Service.Settings;

namespace TimeActors.Service.Tests.Telemetry;

internal static class TelemetryTestSupport
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static int FreeTcpPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static TimeActorsSettings Settings(string dir, string text)
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return SettingsLoader.Load(path, NoEnvironment);
    }

    /// <summary>
    /// Re-checks a condition on another process or the running service until it holds or the deadline
    /// passes. The pause between checks only spares the CPU; the condition ends the wait.
    /// </summary>
    public static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan deadline)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (clock.Elapsed > deadline)
            {
                return null;
            }

            await Task.Delay(100);
        }
    }
}
