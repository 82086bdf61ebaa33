using TimeActors.Service.Settings;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Settings;

/// <summary><c>timeactors.hwts-timeout = auto | duration</c> (issue 7).</summary>
public sealed class HwtsTimeoutAutoSettingsTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly string _dir = Directory.CreateTempSubdirectory("timeactors-hwts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"user{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    [InlineData("\"auto\"")]
    public void Auto_turns_learning_on_for_every_source(string value)
    {
        var s = SettingsLoader.Load(Write($"timeactors {{ hwts-timeout = {value}, sources = [ {{ server = \"a.example\" }}, {{ pool = \"b.example\" }} ] }}"), NoEnvironment);
        Assert.True(s.HwtsTimeoutAuto);
        Assert.Equal(ServiceSettingsSection.AutoFallback, s.HwtsTimeout);
        Assert.All(s.Sources, source =>
        {
            Assert.True(source.LearnHwtsTimeout);
            var options = source.ToExchangeOptions(s.HwtsTimeout);
            options.Validate();
            Assert.NotNull(options.LearnedSavedResponseTimeout);
        });
    }

    [Theory]
    [InlineData("1ms", 1_000_000)]
    [InlineData("250us", 250_000)]
    [InlineData("0", 0)]
    public void A_duration_keeps_the_fixed_wait_exactly(string value, long expectedNs)
    {
        var s = SettingsLoader.Load(Write($"timeactors {{ hwts-timeout = {value}, sources = [ {{ server = \"a.example\" }} ] }}"), NoEnvironment);
        Assert.False(s.HwtsTimeoutAuto);
        Assert.Equal(new TimeInterval(expectedNs), s.HwtsTimeout);
        Assert.False(s.Sources[0].LearnHwtsTimeout);
        var options = s.Sources[0].ToExchangeOptions(s.HwtsTimeout);
        Assert.Null(options.LearnedSavedResponseTimeout);
        Assert.Equal(new TimeInterval(expectedNs), options.SavedResponseTimeout);
    }

    [Fact]
    public void The_default_is_the_fixed_1ms()
    {
        var s = SettingsLoader.Load(null, NoEnvironment);
        Assert.False(s.HwtsTimeoutAuto);
        Assert.Equal(TimeInterval.FromMilliseconds(1), s.HwtsTimeout);
    }

    [Theory]
    [InlineData("automatic")]
    [InlineData("fast")]
    [InlineData("2s")]
    [InlineData("-1ms")]
    public void Anything_else_is_an_error_naming_both_forms_at_its_line(string value)
    {
        var file = Write($"# comment\ntimeactors.hwts-timeout = {value}\n");
        var error = Assert.Single(Assert.Throws<SettingsException>(() => SettingsLoader.Load(file, NoEnvironment)).Errors);
        Assert.Equal("timeactors.hwts-timeout", error.Path);
        Assert.Contains($"`{value}` is not valid; expected `auto` or a duration from 0 to 1s", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:2", error.Origin.ToString());
    }
}
