using TimeActors.Hocon;
using TimeActors.Tests.Shared;

namespace TimeActors.Hocon.Tests;

/// <summary>
/// Lightbend's equivalence cases, read in place from ../shared/conformance/hocon: every .conf/.json
/// directly in a case folder must resolve (no environment fallback) to the same value as original.json,
/// and every .json file must also parse as .conf.
/// </summary>
public sealed class ConformanceTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false };

    private static string ConformanceRoot => Path.Combine(RepositoryPaths.Shared, "conformance", "hocon");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var dir in Directory.GetDirectories(ConformanceRoot, "equiv*").Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var ext = Path.GetExtension(file);
                if (name.StartsWith("original.", StringComparison.Ordinal) || ext is not (".conf" or ".json"))
                {
                    continue;
                }

                data.Add(Path.GetFileName(dir), name, ext == ".json" ? "json" : "conf");
                if (ext == ".json")
                {
                    data.Add(Path.GetFileName(dir), name, "json-as-conf");
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_shared_data_has_the_five_cases_and_fifteen_test_files()
    {
        var dirs = Directory.GetDirectories(ConformanceRoot, "equiv*");
        var files = dirs.SelectMany(Directory.GetFiles)
            .Where(f => Path.GetExtension(f) is ".conf" or ".json" && !Path.GetFileName(f).StartsWith("original.", StringComparison.Ordinal));
        Assert.Equal(5, dirs.Length);
        Assert.Equal(15, files.Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void File_resolves_to_the_same_value_as_original_json(string caseName, string fileName, string mode)
    {
        var dir = Path.Combine(ConformanceRoot, caseName);
        var expected = ConfigurationFactory.Load(Path.Combine(dir, "original.json"), NoEnvironment).Root;
        var path = Path.Combine(dir, fileName);
        var actual = mode == "json-as-conf"
            ? ConfigurationFactory.ParseString(File.ReadAllText(path), NoEnvironment with { BaseDirectory = dir, OriginDescription = path }).Root
            : ConfigurationFactory.Load(path, NoEnvironment).Root;

        Assert.True(expected.Equals(actual), $"{caseName}/{fileName} ({mode}):\nexpected {expected}\nactual   {actual}");
    }

    [Fact]
    public void Original_json_files_are_not_trivially_empty_so_equality_is_meaningful()
    {
        var original = ConfigurationFactory.Load(Path.Combine(ConformanceRoot, "equiv01", "original.json"), NoEnvironment);
        Assert.Equal(42, original.GetInt("ints.fortyTwo"));
        Assert.Equal("null bar 42 baz true 3.14 hi", original.GetString("strings.concatenated"));
    }
}
