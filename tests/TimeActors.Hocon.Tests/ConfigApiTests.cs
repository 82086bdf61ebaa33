using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>The Akka.NET-shaped Config API: getters, defaults, conversions, fallback, origins.</summary>
public sealed class ConfigApiTests
{
    private static readonly Config Sample = Hocon.Parse("""
        s = hello
        i = 42
        l = 9000000000
        d = 2.5
        numstr = "17"
        b { t = true, y = yes, on = on, f = false, n = no, off = off }
        list = [a, b, c]
        ints = [1, 2, 3]
        indexed { "1" = b, "0" = a, "10" = c, other = x }
        sub { x = 1, deeper { y = 2 } }
        nothing = null
        """);

    [Fact]
    public void Scalar_getters_convert_numbers_and_strings_both_ways()
    {
        Assert.Equal("hello", Sample.GetString("s"));
        Assert.Equal("42", Sample.GetString("i"));
        Assert.Equal(42, Sample.GetInt("i"));
        Assert.Equal(9_000_000_000L, Sample.GetLong("l"));
        Assert.Equal(2.5, Sample.GetDouble("d"));
        Assert.Equal(17, Sample.GetInt("numstr"));
        Assert.Equal(2.5f, Sample.GetFloat("d"));
        Assert.Equal(2.5m, Sample.GetDecimal("d"));
        Assert.Throws<HoconException>(() => Sample.GetDecimal("s"));
    }

    [Fact]
    public void Booleans_accept_true_yes_on_and_false_no_off()
    {
        Assert.True(Sample.GetBoolean("b.t") && Sample.GetBoolean("b.y") && Sample.GetBoolean("b.on"));
        Assert.False(Sample.GetBoolean("b.f", true) || Sample.GetBoolean("b.n", true) || Sample.GetBoolean("b.off", true));
        Assert.Throws<HoconException>(() => Sample.GetBoolean("s"));
    }

    [Fact]
    public void Missing_paths_and_null_return_defaults_as_in_akka()
    {
        Assert.Null(Sample.GetString("missing"));
        Assert.Equal("dflt", Sample.GetString("nothing", "dflt"));
        Assert.Equal(7, Sample.GetInt("missing.deep", 7));
        Assert.Equal(TimeSpan.FromSeconds(3), Sample.GetTimeSpan("missing", TimeSpan.FromSeconds(3)));
        Assert.Null(Sample.GetByteSize("missing"));
        Assert.Empty(Sample.GetStringList("missing"));
    }

    [Fact]
    public void Wrong_types_throw_naming_the_path_origin_and_expected_form()
    {
        var e = Assert.Throws<HoconException>(() => Sample.GetInt("s"));
        Assert.Contains("`s` must be a whole number", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
        Assert.Throws<HoconException>(() => Sample.GetString("sub"));
        Assert.Throws<HoconException>(() => Sample.GetInt("l"));
    }

    [Fact]
    public void HasPath_is_false_for_missing_and_null_values()
    {
        Assert.True(Sample.HasPath("sub.deeper.y"));
        Assert.False(Sample.HasPath("sub.nope"));
        Assert.False(Sample.HasPath("nothing"));
    }

    [Fact]
    public void List_getters_read_arrays_and_numerically_indexed_objects()
    {
        Assert.Equal(["a", "b", "c"], Sample.GetStringList("list"));
        Assert.Equal([1, 2, 3], Sample.GetIntList("ints"));
        Assert.Equal([1L, 2L, 3L], Sample.GetLongList("ints"));
        Assert.Equal(["a", "b", "c"], Sample.GetStringList("indexed"));
        Assert.Throws<HoconException>(() => Sample.GetStringList("sub"));
    }

    [Fact]
    public void GetConfig_returns_a_sub_tree_with_relative_paths()
    {
        var sub = Sample.GetConfig("sub");
        Assert.Equal(2, sub.GetInt("deeper.y"));
        Assert.True(Sample.GetConfig("missing").IsEmpty);
    }

    [Fact]
    public void WithFallback_merges_objects_and_the_primary_wins()
    {
        var primary = Hocon.Parse("a { x = 1 }\nb = 2");
        var fallback = Hocon.Parse("a { x = 0, y = 9 }\nb = 0\nc = 3");
        var merged = primary.WithFallback(fallback);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(9, merged.GetInt("a.y"));
        Assert.Equal(2, merged.GetInt("b"));
        Assert.Equal(3, merged.GetInt("c"));
        Assert.False(primary.HasPath("c"));
    }

    [Fact]
    public void A_non_object_between_layers_hides_the_objects_below_it()
    {
        var merged = Hocon.Parse("a { x = 1 }").WithFallback(Hocon.Parse("a = 42")).WithFallback(Hocon.Parse("a { y = 2 }"));
        Assert.False(merged.HasPath("a.y"));
        Assert.Equal(1, merged.GetInt("a.x"));
    }

    [Fact]
    public void Environment_overrides_map_underscores_to_dots_dashes_and_underscores()
    {
        var env = new Dictionary<string, string>
        {
            ["CONFIG_FORCE_timeactors_actors_ask__timeout"] = "3s",
            ["CONFIG_FORCE_a___b"] = "x",
            ["OTHER"] = "ignored",
        };
        var overrides = ConfigurationFactory.FromEnvironmentOverrides(environment: env);
        Assert.Equal(TimeSpan.FromSeconds(3), overrides.GetTimeSpan("timeactors.actors.ask-timeout"));
        Assert.Equal("x", overrides.GetString("a_b"));
        Assert.Equal("env var CONFIG_FORCE_a___b", overrides.GetValue("a_b")!.Origin.Source);
        Assert.False(overrides.HasPath("OTHER"));
    }

    [Fact]
    public void Layering_puts_overrides_over_the_application_over_the_reference()
    {
        var reference = Hocon.Parse("a = 1\nb = 1\nc = 1");
        var app = Hocon.Parse("b = 2\nc = 2");
        var overrides = Hocon.Parse("c = 3");
        var merged = ConfigurationFactory.Layered(reference, app, overrides);
        Assert.Equal((1, 2, 3), (merged.GetInt("a"), merged.GetInt("b"), merged.GetInt("c")));
    }

    [Fact]
    public void Implicit_conversion_from_string_parses_hocon()
    {
        Config c = "a.b = 5";
        Assert.Equal(5, c.GetInt("a.b"));
    }

    [Fact]
    public void AsEnumerable_flattens_leaves_with_quoted_keys_where_needed()
    {
        var leaves = Hocon.Parse("a { b = 1, \"c.d\" = 2, e {} }").AsEnumerable().Select(kv => kv.Key).ToList();
        Assert.Equal(["a.b", "a.\"c.d\"", "a.e"], leaves);
    }

    [Fact]
    public void Quoted_path_expressions_work_in_getters()
    {
        Assert.Equal(2, Hocon.Parse("a { \"c.d\" = 2 }").GetInt("a.\"c.d\""));
    }
}
