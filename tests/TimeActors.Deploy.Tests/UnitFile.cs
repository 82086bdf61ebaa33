namespace TimeActors.Deploy.Tests;

/// <summary>A systemd unit file as section → key → values in order (keys may repeat), comments dropped.</summary>
internal sealed class UnitFile
{
    private readonly List<(string Section, string Key, string Value)> _entries;

    private UnitFile(List<(string, string, string)> entries) => _entries = entries;

    public static UnitFile Parse(string text)
    {
        var entries = new List<(string, string, string)>();
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"not a key=value line: {line}");
            entries.Add((section, line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }

        return new UnitFile(entries);
    }

    public IEnumerable<string> All(string section, string key) =>
        _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value);

    public string Single(string section, string key) => Assert.Single(All(section, key));

    /// <summary>The space-separated words of every assignment of the key.</summary>
    public IReadOnlyList<string> Words(string section, string key) =>
        [.. All(section, key).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
