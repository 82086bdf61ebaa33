using System.Globalization;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// Kills daemons of a dead run by the pid files in its work directory. A pid is only killed when
/// that process's command line still names the directory, so a recycled pid is never hit.
/// </summary>
public static class DaemonPidFiles
{
    public static IReadOnlyList<int> KillAll(string directory)
    {
        // With the separator, ".../tae12x1/" does not also match run tae12x10's directory.
        directory = Path.TrimEndingDirectorySeparator(directory) + "/";
        var killed = new List<int>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.pid", SearchOption.AllDirectories))
        {
            if (!int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Mentions(pid, directory))
            {
                continue;
            }

            Command.Run("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
            killed.Add(pid);
        }

        Poll.Until(() => !killed.Any(p => Mentions(p, directory)), TimeSpan.FromSeconds(5), $"exit of {string.Join(',', killed)}");
        return killed;
    }

    /// <summary>True while process <paramref name="pid"/> exists and its command line contains <paramref name="text"/>.</summary>
    public static bool Mentions(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false; // the process is gone
        }
    }
}
