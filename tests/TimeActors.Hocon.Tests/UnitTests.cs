using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>The duration and size formats of the spec's API recommendations.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("10", 10 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1500ns", 15)]
    [InlineData("2 nanoseconds", 0)]
    [InlineData("3us", 30)]
    [InlineData("7 microseconds", 70)]
    [InlineData("1.5ms", 15_000)]
    [InlineData("250 millis", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2s", 2 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("5 minutes", 5 * TimeSpan.TicksPerMinute)]
    [InlineData("1m", TimeSpan.TicksPerMinute)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1 d", TimeSpan.TicksPerDay)]
    [InlineData("3 days", 3 * TimeSpan.TicksPerDay)]
    [InlineData("-5s", -5 * TimeSpan.TicksPerSecond)]
    public void Durations_parse_with_every_unit(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), Hocon.Parse($"d = {text}").GetTimeSpan("d"));
    }

    [Theory]
    [InlineData("5 S")]
    [InlineData("5 Ms")]
    [InlineData("5 weeks")]
    [InlineData("fast")]
    [InlineData("s")]
    public void Durations_reject_unknown_or_upper_case_units_naming_the_form(string text)
    {
        var e = Assert.Throws<HoconException>(() => Hocon.Parse($"\nd = \"{text}\"").GetTimeSpan("d"));
        Assert.Equal(2, e.Line);
        Assert.Contains("duration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinite_is_accepted_only_where_allowed()
    {
        var c = Hocon.Parse("t = infinite");
        Assert.Equal(Timeout.InfiniteTimeSpan, c.GetTimeSpan("t"));
        Assert.Throws<HoconException>(() => c.GetTimeSpan("t", allowInfinite: false));
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("10B", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1PB", 1_000_000_000_000_000L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("2 kibibytes", 2048L)]
    [InlineData("1m", 1_048_576L)]
    [InlineData("1 MiB", 1_048_576L)]
    [InlineData("1G", 1_073_741_824L)]
    [InlineData("1 TiB", 1_099_511_627_776L)]
    [InlineData("1P", 1_125_899_906_842_624L)]
    [InlineData("1E", 1_152_921_504_606_846_976L)]
    [InlineData("0.5M", 524_288L)]
    public void Sizes_parse_si_and_iec_units(string text, long bytes)
    {
        Assert.Equal(bytes, Hocon.Parse($"s = {text}").GetByteSize("s"));
    }

    [Theory]
    [InlineData("1ZB")]
    [InlineData("1YiB")]
    [InlineData("10 KB")]
    [InlineData("lots")]
    public void Sizes_that_overflow_or_use_unknown_units_are_errors(string text)
    {
        Assert.Throws<HoconException>(() => Hocon.Parse($"s = {text}").GetByteSize("s"));
    }

    [Fact]
    public void Zetta_and_yotta_units_are_known_even_though_they_exceed_64_bits()
    {
        Assert.False(HoconUnits.TryParseByteSize("1ZB", out _));
        Assert.True(HoconUnits.TryParseByteSize("0.000001ZB", out var small));
        Assert.Equal(1_000_000_000_000_000L, small);
        Assert.True(HoconUnits.TryParseByteSize("0.000000001 yobibytes", out var y));
        Assert.True(y > 0);
    }
}
