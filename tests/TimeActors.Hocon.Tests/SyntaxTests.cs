using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>One group per section of the spec's syntax part (comments … paths as keys).</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Comments_with_slashes_and_hash_are_ignored_outside_quotes()
    {
        Hocon.Equivalent("""{"a":1,"b":"x // y # z"}""", "// head\na = 1 # tail\n# full line\nb = \"x // y # z\" // after");
    }

    [Fact]
    public void Empty_and_comment_only_documents_are_empty_objects()
    {
        Assert.True(Hocon.Parse("").IsEmpty);
        Assert.True(Hocon.Parse("  \n# only a comment\n// another\n").IsEmpty);
    }

    [Fact]
    public void Root_braces_may_be_omitted()
    {
        Hocon.Equivalent("""{"a":{"b":1},"c":2}""", "a { b = 1 }\nc = 2");
        Hocon.Equivalent("""{"a":{"b":1},"c":2}""", "{ a { b = 1 }\nc = 2 }");
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("\"a\" : 1")]
    public void Equals_and_colon_both_separate_keys_from_values(string doc)
    {
        Assert.Equal(1, Hocon.Parse(doc).GetInt("a"));
    }

    [Fact]
    public void The_separator_may_be_omitted_before_an_object()
    {
        Hocon.Equivalent("""{"a":{"b":{"c":1}}}""", "a { b { c = 1 } }");
    }

    [Fact]
    public void Newlines_replace_commas_and_one_trailing_comma_is_allowed()
    {
        Hocon.Equivalent("""{"a":[1,2,3],"b":[1,2,3],"c":1,"d":2}""", "a = [1\n2\n3]\nb = [1,2,3,]\nc = 1,\nd = 2,");
    }

    [Fact]
    public void Unicode_separators_and_bom_are_whitespace()
    {
        Hocon.Equivalent("""{"a":1,"b":"x\u2003y"}""", "\uFEFFa\u2003=\u00A01\nb = x\u2003y");
    }

    [Fact]
    public void Duplicate_keys_later_wins_and_objects_merge()
    {
        Hocon.Equivalent("""{"a":2,"o":{"x":1,"y":3,"z":4}}""", "a = 1\na = 2\no { x = 1, y = 2 }\no { y = 3, z = 4 }");
    }

    [Fact]
    public void An_intermediate_non_object_blocks_the_merge()
    {
        Hocon.Equivalent("""{"foo":{"b":43}}""", "foo : { a : 42 }, foo : null, foo : { b : 43 }");
    }

    [Fact]
    public void Unquoted_strings_stop_at_forbidden_characters_and_keywords_start_tokens()
    {
        var c = Hocon.Parse("a = foo.bar-baz_1\nb = truefoo\nc = footrue\nd = 10.0bar\ne = bar10.0");
        Assert.Equal("foo.bar-baz_1", c.GetString("a"));
        Assert.Equal("truefoo", c.GetString("b"));
        Assert.Equal("footrue", c.GetString("c"));
        Assert.Equal("10.0bar", c.GetString("d"));
        Assert.Equal("bar10.0", c.GetString("e"));
        Assert.Throws<HoconException>(() => Hocon.Parse("f = http://host/path"));
    }

    [Fact]
    public void Single_values_keep_their_type()
    {
        var root = Hocon.Parse("t = true\nn = null\ni = 42\nd = 4.5\ns = \"42\"").Root;
        Assert.Equal(HoconType.Boolean, root.Fields["t"].Type);
        Assert.Equal(HoconType.Null, root.Fields["n"].Type);
        Assert.Equal(HoconType.Number, root.Fields["i"].Type);
        Assert.Equal(HoconType.Number, root.Fields["d"].Type);
        Assert.Equal(HoconType.String, root.Fields["s"].Type);
    }

    [Fact]
    public void Quoted_strings_use_json_escapes()
    {
        Assert.Equal("a\"b\\c/\b\f\n\r\t\u00e9", Hocon.Parse("s = \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\"").GetString("s"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_keep_extra_closing_quotes()
    {
        var c = Hocon.Parse("a = \"\"\"x\\ny\n  z\"\"\"\nb = \"\"\"q\"\"\"\"\"");
        Assert.Equal("x\\ny\n  z", c.GetString("a"));
        Assert.Equal("q\"\"", c.GetString("b"));
    }

    [Fact]
    public void Simple_values_on_one_line_concatenate_keeping_inner_whitespace_and_number_text()
    {
        Assert.Equal("null bar 1e5 baz true 3.140 hi", Hocon.Parse("a =   null bar 1e5 \"baz\" true 3.140 hi   ").GetString("a"));
        Assert.Equal("foobar", Hocon.Parse("a = foo\"bar\"").GetString("a"));
    }

    [Fact]
    public void A_newline_ends_a_concatenation_so_array_elements_may_be_concatenations()
    {
        var items = Hocon.Parse("a = [1 2, x y\n z]").GetStringList("a");
        Assert.Equal(["1 2", "x y", "z"], items);
    }

    [Fact]
    public void Arrays_concatenate_with_arrays_and_objects_merge_with_objects()
    {
        Hocon.Equivalent("""{"a":[1,2,3,4],"o":{"x":1,"y":3}}""", "a = [1, 2] [3] [4]\no = { x = 1, y = 2 } { y = 3 }");
    }

    [Fact]
    public void Path_keys_expand_into_nested_objects_that_merge()
    {
        Hocon.Equivalent("""{"a":{"x":42,"y":43,"b":{"c":1}}}""", "a.x : 42, a.y : 43\na.b.c = 1");
    }

    [Fact]
    public void Quoted_path_elements_keep_dots_and_may_be_empty()
    {
        var root = Hocon.Parse("foo.\"hello.world\" = 1\na.\"\".b = 2").Root;
        var foo = (HoconObject)root.Fields["foo"];
        Assert.True(foo.Fields.ContainsKey("hello.world"));
        var empty = (HoconObject)((HoconObject)root.Fields["a"]).Fields[""];
        Assert.Equal("2", ((HoconScalar)empty.Fields["b"]).Text);
    }

    [Fact]
    public void Numbers_in_keys_split_on_their_dot_and_keywords_become_strings()
    {
        Hocon.Equivalent("""{"3":{"14":42},"true":1,"a b c":2,"10":{"0foo":3}}""", "3.14 : 42\ntrue : 1\na b c : 2\n10.0foo : 3");
    }

    [Fact]
    public void Include_is_only_special_at_the_start_of_a_key()
    {
        Hocon.Equivalent("""{"foo include":42,"v":"include","arr":["include"],"include":1}""", "foo include : 42\nv : include\narr : [ include ]\n\"include\" : 1");
    }

    [Fact]
    public void Keys_and_separators_may_be_split_across_lines()
    {
        Hocon.Equivalent("""{"a":{"b":1}}""", "a.b\n\n:\n\n1");
    }
}
