using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>
/// Documents that are valid HOCON (though often not JSON) must parse, also with extra or non-ASCII
/// whitespace around them. Substitutions are not resolved here: this is about syntax only.
/// </summary>
public sealed class ValidDocumentTests
{
    private static readonly HoconParseOptions ParseOnly = Hocon.NoEnvironment with { ResolveImmediately = false };

    public static TheoryData<string> Documents() =>
    [
        "",
        " ",
        "\n",
        "  \n\n \n",
        "# only a comment",
        "// one\n# two",
        "{ \"k\" = 1 }",
        "{ k { \"x\" : 1 } }",
        "{ two words { x : 1 } }",
        "\"k\" : 1",
        "{ \"k\" : word }",
        "{ k : null word 7 other false 2.5 \"q\" }",
        "{ k.j : v }",
        "{ k.\"with space\".j : v }",
        "{ k.j\n : v }",
        "{ k   j : v }",
        "{ false : v }",
        "{ \"k\" : 1, \"k\" : 2 }",
        "v = [ 1, 2, 3, ]",
        "v = [1,2  , ]",
        "v = [1,2\n\n , \n]",
        "{ a : b, }",
        "{ a : b \n , \n }",
        "a : b, c : d,",
        "a : b\nc : d",
        "v = [ t, tr, tru, trux, truex, 10x, / ]",
        "{ include \"nothing-here\" }",
        "{ include\n\"nothing-here\" }",
        "{ include\"nothing-here\" }",
        "v = [ include ]",
        "{ k : include }",
        "{ include \"nothing-here\", \"a\" : \"b\" }",
        "{ k include : 1 }",
        "v = [ ${x} ]",
        "v = [ ${?x} ]",
        "v = [ ${\"x.y\"} ]",
        "v = [ ${x.y} ]",
        "v = [ one  two  ${x.y}  three four ]",
        "v = [${ x.y}]",
        "v = [${x.y }]",
        "v = [ ${\"x\"\"y\"} ]",
        "v = [ ${x  \"y\"  z} ]",
        "v = [${true}]",
        "{} # trailing comment",
        "{} // trailing comment",
        "{ \"k\" #c\n: 10 }",
        "{ \"k\" : // c\n 10 }",
        "{ \"k\" : 10 #c\n }",
        "v = [ 10, # c\n 11]",
        "v = [ 10 // c\n, 11]",
        "{ /a/b/c : 10 }",
        "v = [ 1.0. ]",
        "v = [ \"#not a comment\", \"//nor this\" ]",
        "v = [[[[[]]]]]",
        "{\"a\":{\"a\":{\"a\":{\"a\":42}}}}",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Valid_documents_parse_with_whitespace_variations(string document)
    {
        foreach (var variant in new[] { document, " " + document, document + " ", " " + document + " ", document.Replace(' ', '\u2003') })
        {
            var exception = Record.Exception(() => ConfigurationFactory.ParseString(variant, ParseOnly));
            Assert.True(exception is null, $"`{variant}` failed: {exception?.Message}");
        }
    }

    [Fact]
    public void Concatenated_value_and_path_keys_have_the_expected_meaning()
    {
        var c = Hocon.Parse("v = [ one  two  ${x.y}  three four ]\nx.y = mid\nk.\"with space\".j = 1");
        Assert.Equal(["one  two  mid  three four"], c.GetStringList("v"));
        Assert.Equal(1, c.GetInt("k.\"with space\".j"));
    }
}
