using BenchmarkDotNet.Running;

namespace TimeActors.Benchmarks;

/// <summary>
/// Entry point for every benchmark in the project:
/// <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
