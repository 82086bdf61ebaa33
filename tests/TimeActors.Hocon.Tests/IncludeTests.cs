using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>Includes on the file system: each test writes its files into its own temporary folder.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("timeactors-hocon-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static Config Load(string path) => ConfigurationFactory.Load(path, Hocon.NoEnvironment);

    [Fact]
    public void Includes_are_relative_to_the_including_file_not_the_working_directory()
    {
        Write("sub/inner.conf", "x = 1\ninclude \"deeper/d.conf\"");
        Write("sub/deeper/d.conf", "y = 2");
        var main = Write("main.conf", "a { include \"sub/inner.conf\" }");
        var c = Load(main);
        Assert.Equal(1, c.GetInt("a.x"));
        Assert.Equal(2, c.GetInt("a.y"));
    }

    [Fact]
    public void File_and_required_forms_work_and_missing_plain_includes_are_ignored()
    {
        Write("one.conf", "one = 1");
        var main = Write("main.conf", "include file(\"one.conf\")\ninclude \"absent.conf\"\ninclude required(file(\"one.conf\"))\ntwo = 2");
        var c = Load(main);
        Assert.Equal(1, c.GetInt("one"));
        Assert.Equal(2, c.GetInt("two"));
    }

    [Fact]
    public void Missing_required_include_names_the_include_line()
    {
        var main = Write("main.conf", "a = 1\ninclude required(\"absent.conf\")");
        var e = Assert.Throws<HoconException>(() => Load(main));
        Assert.Equal(2, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("absent.conf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_less_include_merges_properties_json_and_conf_with_conf_winning()
    {
        Write("c.properties", "v = props\nfromProp = true\nnum.0 = x");
        Write("c.json", """{ "v" : "json", "fromJson" : 1 }""");
        Write("c.conf", "v = conf");
        var c = Load(Write("main.conf", "include \"c\""));
        Assert.Equal("conf", c.GetString("v"));
        Assert.Equal(HoconType.String, c.GetValue("fromProp")!.Type);
        Assert.Equal(1, c.GetInt("fromJson"));
    }

    [Fact]
    public void Included_substitutions_are_relative_to_the_include_point_and_see_overrides()
    {
        Write("foo.conf", "x = 10\ny = ${x}");
        var c = Load(Write("main.conf", "a { include \"foo.conf\" }\na { x = 42 }"));
        Assert.Equal(42, c.GetInt("a.y"));
    }

    [Fact]
    public void Included_substitutions_fall_back_to_the_root()
    {
        Write("foo.conf", "y = ${top}");
        var c = Load(Write("main.conf", "top = 7\na { include \"foo.conf\" }"));
        Assert.Equal(7, c.GetInt("a.y"));
    }

    [Fact]
    public void Include_cycles_are_detected_with_the_chain()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "x = 1\n  include \"a.conf\"");
        var e = Assert.Throws<HoconException>(() => Load(Path.Combine(_dir, "a.conf")));
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", e.Message, StringComparison.Ordinal);
        Assert.Equal((2, 3), (e.Line, e.Column));
    }

    [Fact]
    public void A_file_including_itself_is_a_cycle()
    {
        var self = Write("self.conf", "include \"self.conf\"");
        Assert.Throws<HoconException>(() => Load(self));
    }

    [Fact]
    public void An_included_file_must_hold_an_object()
    {
        Write("arr.json", "[1, 2]");
        Assert.Throws<HoconException>(() => Load(Write("main.conf", "include \"arr.json\"")));
    }

    [Fact]
    public void Properties_files_split_keys_on_dots_keep_strings_and_let_objects_win()
    {
        var path = Write("p.properties", "# comment\n! also comment\na=hello\na.b=world\nnum : 42\nspaced value  = x y\nlong = one \\\n   two\nesc = tab\\tand\\u0041\n");
        var c = Load(path);
        Assert.Equal("world", c.GetString("a.b"));
        Assert.Equal(HoconType.String, c.GetValue("num")!.Type);
        Assert.Equal(42, c.GetInt("num"));
        Assert.Equal("value  = x y", c.GetString("spaced"));
        Assert.Equal("one two", c.GetString("long"));
        Assert.Equal("tab\tandA", c.GetString("esc"));
        Assert.Equal(path + ":5", c.GetValue("num")!.Origin.ToString());
    }

    [Fact]
    public void Values_remember_the_file_and_line_that_set_them()
    {
        Write("inc.conf", "\n\nz = 3");
        var main = Write("main.conf", "a = 1\n\nb {\n  c = 2\n}\ninclude \"inc.conf\"");
        var c = Load(main);
        Assert.Equal($"{main}:1", c.GetValue("a")!.Origin.ToString());
        Assert.Equal($"{main}:4", c.GetValue("b.c")!.Origin.ToString());
        Assert.Equal($"{Path.Combine(_dir, "inc.conf")}:3", c.GetValue("z")!.Origin.ToString());
    }

    [Fact]
    public void Strings_may_include_relative_to_a_base_directory()
    {
        Write("x.conf", "x = 5");
        var c = ConfigurationFactory.ParseString("include \"x.conf\"", Hocon.NoEnvironment with { BaseDirectory = _dir });
        Assert.Equal(5, c.GetInt("x"));
        Assert.False(Hocon.Parse("include \"x.conf\"").HasPath("x"));
    }

    [Fact]
    public void Classpath_includes_use_the_resource_loader()
    {
        var options = Hocon.NoEnvironment with { ResourceLoader = name => name == "lib.conf" ? "lib = 1" : null };
        Assert.Equal(1, ConfigurationFactory.ParseString("include classpath(\"lib.conf\")", options).GetInt("lib"));
        Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString("include required(classpath(\"nope.conf\"))", options));
    }
}
