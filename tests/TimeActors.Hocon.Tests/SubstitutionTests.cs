using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>The spec's substitution, self-reference and <c>+=</c> rules.</summary>
public sealed class SubstitutionTests
{
    [Fact]
    public void Substitutions_are_absolute_may_point_forward_and_keep_the_type_when_alone()
    {
        var c = Hocon.Parse("a = ${b.c}\nb { c = 42 }\nd = ${b}");
        Assert.Equal(HoconType.Number, c.GetValue("a")!.Type);
        Assert.Equal(42, c.GetInt("d.c"));
    }

    [Fact]
    public void Substitutions_see_the_latest_assigned_value()
    {
        Assert.Equal(2, Hocon.Parse("a = 1\nb = ${a}\na = 2").GetInt("b"));
    }

    [Fact]
    public void Substitutions_are_not_expanded_inside_quotes()
    {
        Assert.Equal("${a}", Hocon.Parse("a = 1\nb = \"${a}\"").GetString("b"));
    }

    [Fact]
    public void Concatenated_substitutions_become_strings_and_null_becomes_empty()
    {
        var c = Hocon.Parse("x = 1\nn = null\na = ${x} is ${n}one\nb = ${x}\" items\"");
        Assert.Equal("1 is one", c.GetString("a"));
        Assert.Equal("1 items", c.GetString("b"));
    }

    [Fact]
    public void Missing_optional_substitution_removes_the_field_or_element_and_keeps_an_earlier_value()
    {
        Hocon.Equivalent("""{"b":[1,2],"c":5}""", "a = ${?nope}\nb = [1, ${?nope}, 2]\nc = 5\nc = ${?nope}");
    }

    [Fact]
    public void Object_may_refer_to_fields_inside_itself()
    {
        Assert.Equal(42, Hocon.Parse("bar : { foo : 42, baz : ${bar.foo} }").GetInt("bar.baz"));
    }

    [Fact]
    public void Substitutions_inside_an_object_see_later_overrides()
    {
        Assert.Equal(43, Hocon.Parse("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }").GetInt("bar.baz"));
    }

    [Fact]
    public void Substitutions_hidden_by_a_later_non_object_are_never_evaluated()
    {
        Assert.Equal(42, Hocon.Parse("foo : ${does-not-exist}\nfoo : 42").GetInt("foo"));
    }

    [Fact]
    public void Self_reference_looks_back_to_the_earlier_value()
    {
        var c = Hocon.Parse("path : \"a:b:c\"\npath : ${path}\":d\"\nlist = [1]\nlist = ${list} [2]\nobj { a = 1 }\nobj = ${obj} { b = 2 }");
        Assert.Equal("a:b:c:d", c.GetString("path"));
        Assert.Equal([1, 2], c.GetIntList("list"));
        Assert.Equal(1, c.GetInt("obj.a"));
        Assert.Equal(2, c.GetInt("obj.b"));
    }

    [Fact]
    public void Self_reference_through_a_path_within_the_field_looks_back()
    {
        Assert.Equal(1, Hocon.Parse("foo { bar = 1 }\nfoo = ${foo.bar}").GetInt("foo"));
    }

    [Fact]
    public void Self_reference_in_a_nested_path_key_looks_back()
    {
        Assert.Equal("x y", Hocon.Parse("a { b = x }\na.b = ${a.b} y").GetString("a.b"));
    }

    [Fact]
    public void Optional_self_reference_with_no_earlier_value_is_undefined()
    {
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").GetString("a"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array_or_starts_one()
    {
        var c = Hocon.Parse("a = [1]\na += 2\na += ${x}\nx = 3\nb += hello");
        Assert.Equal([1, 2, 3], c.GetIntList("a"));
        Assert.Equal(["hello"], c.GetStringList("b"));
    }

    [Theory]
    [InlineData("a : ${a}")]
    [InlineData("a : { b : ${a} }")]
    [InlineData("a : [${a}]")]
    [InlineData("a : ${b}\nb : ${a}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}")]
    public void Cycles_are_errors(string doc)
    {
        var e = Assert.Throws<HoconException>(() => Hocon.Parse(doc));
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_says_so()
    {
        var e = Assert.Throws<HoconException>(() => Hocon.Parse("x = 1\na = ${a} more"));
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.Contains("no earlier value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_error_names_the_chain()
    {
        var e = Assert.Throws<HoconException>(() => Hocon.Parse("a : ${b}\nb : ${a}"));
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
        Assert.Contains("${b} -> ${a}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variables_are_a_fallback_only_when_enabled_and_null_blocks_them()
    {
        var name = $"TIMEACTORS_HOCON_TEST_{Environment.ProcessId}";
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var withEnv = ConfigurationFactory.ParseString($"a = ${{{name}}}\nb = ${{?{name}}}", new HoconParseOptions { UseEnvironmentVariables = true });
            Assert.Equal("from-env", withEnv.GetString("a"));
            Assert.Equal("env var " + name, withEnv.GetValue("a")!.Origin.Source);
            Assert.Throws<HoconException>(() => Hocon.Parse($"a = ${{{name}}}"));
            Assert.False(Hocon.Parse($"b = ${{?{name}}}").HasPath("b"));
            var blocked = ConfigurationFactory.ParseString($"{name} = null\na = ${{{name}}}x", new HoconParseOptions { UseEnvironmentVariables = true });
            Assert.Equal("x", blocked.GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Layered_configs_resolve_together_so_the_application_changes_what_the_reference_refers_to()
    {
        var reference = ConfigurationFactory.ParseString("lib { timeout = 5s, retry = ${lib.timeout} }", Hocon.NoEnvironment);
        var app = ConfigurationFactory.ParseString("lib.timeout = 9s\nextra = ${lib.retry}", Hocon.NoEnvironment with { ResolveImmediately = false });
        var merged = ConfigurationFactory.Layered(reference, app);
        Assert.Equal(TimeSpan.FromSeconds(9), merged.GetTimeSpan("lib.retry"));
        Assert.Equal(TimeSpan.FromSeconds(9), merged.GetTimeSpan("extra"));
        Assert.Equal(TimeSpan.FromSeconds(5), reference.GetTimeSpan("lib.retry"));
    }

    [Fact]
    public void Missing_optional_parts_of_concatenations_are_dropped()
    {
        var c = Hocon.Parse("a = ${?nope} [1]\nb = x${?nope}y\nc = { p = 1 } ${?nope}");
        Assert.Equal([1], c.GetIntList("a"));
        Assert.Equal("xy", c.GetString("b"));
        Assert.Equal(1, c.GetInt("c.p"));
    }

    [Fact]
    public void Substituted_objects_merge_with_earlier_objects()
    {
        var c = Hocon.Parse("base { x = 1, y = 1 }\na { y = 2, z = 2 }\na = ${base}");
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(1, c.GetInt("a.y"));
        Assert.Equal(2, c.GetInt("a.z"));
    }

    [Fact]
    public void Self_reference_works_across_fallback_layers()
    {
        var reference = Hocon.Parse("servers = [a, b]");
        var app = ConfigurationFactory.ParseString("servers += c", Hocon.NoEnvironment with { ResolveImmediately = false });
        Assert.Equal(["a", "b", "c"], app.WithFallback(reference).GetStringList("servers"));
    }
}
