using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using TimeActors.Hocon;

namespace TimeActors.Benchmarks.Hocon;

/// <summary>
/// Parse-and-resolve time and allocation of a 1,000-line configuration shaped like a real service
/// file: nested sections, path keys, comments, durations, arrays, quoted strings, substitutions
/// and a few self-referential appends.
/// Run: <c>dotnet run -c Release --project tests/TimeActors.Benchmarks -- --filter '*Hocon*' --job short --memory</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class HoconParseBenchmarks
{
    private static readonly HoconParseOptions Options = new() { UseEnvironmentVariables = false };

    private string _document = "";

    public static string BuildDocument(int lines)
    {
        var sb = new StringBuilder();
        var written = 0;
        var section = 0;
        void Line(string text)
        {
            sb.Append(text).Append('\n');
            written++;
        }

        Line("# generated benchmark configuration");
        Line("defaults { timeout = 250ms, retries = 3, name = \"default\" }");
        while (written < lines - 12)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"section{section} {{"));
            Line("  // a comment line");
            Line(string.Create(CultureInfo.InvariantCulture, $"  id = {section}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"  name = \"section number {section}\""));
            Line("  timeout = ${defaults.timeout}");
            Line(string.Create(CultureInfo.InvariantCulture, $"  poll.min = {section % 10}s, poll.max = {section % 17 + 10}s"));
            Line("  servers = [ \"a.example\", \"b.example\", 10.0.0.1 ]");
            Line("  servers += \"c.example\"");
            Line("  flags { enabled = on, weight = 1.5, label = fast path }");
            Line(string.Create(CultureInfo.InvariantCulture, $"  size = {section % 64} KiB"));
            Line("}");
            section++;
        }

        while (written < lines)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"tail.key{written} = ${{defaults.retries}}"));
        }

        return sb.ToString();
    }

    [GlobalSetup]
    public void Setup()
    {
        _document = BuildDocument(1000);
        var lines = _document.Count(c => c == '\n');
        var config = ConfigurationFactory.ParseString(_document, Options);
        if (lines != 1000 || config.GetStringList("section0.servers").Count != 4 || config.GetTimeSpan("section7.timeout") != TimeSpan.FromMilliseconds(250))
        {
            throw new InvalidOperationException($"benchmark document is not what it claims ({lines} lines)");
        }
    }

    [Benchmark]
    public int ParseAndResolve1000Lines() => ConfigurationFactory.ParseString(_document, Options).Root.Count;
}
