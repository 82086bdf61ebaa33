using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TimeActors.Tests.Shared;

/// <summary>
/// The iproute2 calls every test that builds network namespaces needs: run <c>ip</c>, list the
/// namespaces, and remove the leftovers of test processes that died before their cleanup ran.
/// Shared by the kernel tests' veth pair and the end-to-end testbed so both clean up the same way.
/// </summary>
internal static class NetworkNamespaces
{
    /// <summary>Runs <c>ip</c> with the arguments and returns its standard output; throws on a non-zero exit.</summary>
    public static string Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }

        return output;
    }

    public static List<string> List() =>
        [.. Ip("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];

    public static bool Exists(string name) => List().Contains(name);

    /// <summary>
    /// Kills every process still inside the namespace, then deletes it (which also destroys the veth
    /// ends it holds). A process left inside would keep the namespace alive after the delete.
    /// </summary>
    public static void Delete(string name)
    {
        KillProcessesIn(name);
        Ip("netns", "delete", name);
    }

    /// <summary>
    /// Deletes namespaces whose name matches <paramref name="ownerPattern"/> (group 1 = the pid of the
    /// test process that made it) when that process no longer exists.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(Regex ownerPattern)
    {
        var removed = new List<string>();
        foreach (var name in List())
        {
            var match = ownerPattern.Match(name);
            if (!match.Success || IsAlive(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)))
            {
                continue;
            }

            try
            {
                Delete(name);
                removed.Add(name);
            }
            catch (InvalidOperationException) when (!Exists(name))
            {
                continue; // another test process removed the same leftover first
            }
        }

        return removed;
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void KillProcessesIn(string name)
    {
        var pids = Ip("netns", "pids", name).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        if (pids.Length == 0)
        {
            return;
        }

        // kill(1) rather than Process.Kill: a process may exit between the listing and the kill, and
        // kill just reports that in its exit code, which does not matter here.
        using (var kill = Process.Start("kill", ["-KILL", .. pids]))
        {
            kill.WaitForExit();
        }

        var deadline = Environment.TickCount64 + 5000;
        while (pids.Any(p => IsAlive(int.Parse(p, CultureInfo.InvariantCulture))) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10); // polls for the exit; the deadline, not the sleep, bounds the wait
        }
    }
}
