using System.Text.RegularExpressions;
using TimeActors.Service.Settings;

namespace TimeActors.Deploy.Tests;

/// <summary>
/// docs/operations.md stays usable: every HOCON example in it loads through the service's own loader
/// (so a renamed key or an out-of-range value breaks this test, not an operator's upgrade), and every
/// link to a file of the repository points at one that exists.
/// </summary>
public sealed partial class OperationsGuideTests
{
    private static string GuidePath => RepositoryPaths.InRepo("docs", "operations.md");

    private static string Guide => File.ReadAllText(GuidePath);

    public static TheoryData<int> HoconExamples()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < HoconBlock().Matches(Guide).Count; i++)
            data.Add(i);
        return data;
    }

    [Fact]
    public void The_guide_has_the_three_tuning_examples()
    {
        Assert.True(HoconBlock().Matches(Guide).Count >= 3);
        foreach (var heading in new[] { "LAN with hardware timestamps", "Public pools", "A busy server", "Migrating from chrony", "Upgrade", "Uninstall" })
            Assert.Contains(heading, Guide, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HoconExamples))]
    public void Each_hocon_example_is_a_valid_configuration(int index)
    {
        using var dir = DeployFiles.TempDirectory();
        var file = dir.File("example.conf");
        File.WriteAllText(file, HoconBlock().Matches(Guide)[index].Groups[1].Value);
        var settings = SettingsLoader.Load(file, new Dictionary<string, string>());
        Assert.NotEmpty(settings.Sources);
        Assert.Equal("control", settings.Clock.ModeName);
    }

    [Fact]
    public void Every_relative_link_points_at_a_file_in_the_repository()
    {
        var links = RelativeLink().Matches(Guide).Select(m => m.Groups[1].Value).ToList();
        Assert.True(links.Count >= 5);
        var missing = links
            .Select(l => l.Split('#')[0])
            .Where(l => l.Length > 0 && !File.Exists(Path.Combine(Path.GetDirectoryName(GuidePath)!, l)) && !Directory.Exists(Path.Combine(Path.GetDirectoryName(GuidePath)!, l)))
            .ToList();
        Assert.True(missing.Count == 0, $"broken links in docs/operations.md: {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"```hocon\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HoconBlock();

    [GeneratedRegex(@"\]\((?!https?:)([^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
