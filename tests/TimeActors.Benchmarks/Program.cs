using BenchmarkDotNet.Running;
using TimeActors.Benchmarks.Actors;

namespace TimeActors.Benchmarks;

/// <summary>
/// Entry point for every benchmark in the project:
/// <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*'</c> (BenchmarkDotNet), or
/// <c>-- latency [runs]</c> for the kernel's latency percentiles.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "latency")
        {
            LatencyProbe.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
