using System.Globalization;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// Resident memory and CPU time of a process from /proc, for the "RSS and CPU of timeactors run
/// beside chronyd" figures. CPU use over a period is the difference of two samples.
/// </summary>
public sealed record ProcessUsage(int Pid, long RssBytes, TimeSpan CpuTime, DateTime SampledUtc)
{
    private static readonly Lazy<long> TicksPerSecond = new(() =>
        long.Parse(Command.Run("getconf", "CLK_TCK").EnsureSuccess().StandardOutput.Trim(), CultureInfo.InvariantCulture));

    public static ProcessUsage Read(int pid)
    {
        var rssKb = File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .Single();

        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessUsage(pid, rssKb * 1024, TimeSpan.FromSeconds((double)ticks / TicksPerSecond.Value), DateTime.UtcNow);
    }

    /// <summary>CPU used between <paramref name="earlier"/> and this sample, as a percentage of one core.</summary>
    public double CpuPercentSince(ProcessUsage earlier) =>
        100.0 * (CpuTime - earlier.CpuTime).TotalSeconds / Math.Max(1e-9, (SampledUtc - earlier.SampledUtc).TotalSeconds);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pid {Pid}: RSS {RssBytes / 1024.0 / 1024.0:0.0} MiB, CPU {CpuTime.TotalSeconds:0.00} s");
}
