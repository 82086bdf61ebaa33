using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>
/// Documents the spec (and Lightbend's invalid-document corpus) rejects. Each must fail with a
/// <see cref="HoconException"/> whose origin names the exact line and column of the fault.
/// </summary>
public sealed class InvalidDocumentTests
{
    private static readonly HoconParseOptions Options = new() { UseEnvironmentVariables = false };

    public static TheoryData<string, int, int> Conf() => new()
    {
        { "{", 1, 2 },
        { "}", 1, 1 },
        { "{ a : 1 }}", 1, 10 },
        { "a : [1,2,,]", 1, 10 },
        { "[1,2,3]", 1, 1 },
        { "{ , }", 1, 3 },
        { "a : [${}]", 1, 6 },
        { "a : [${ ?foo}]", 1, 9 },
        { "{ \"a\" : ${a} }", 1, 9 },
        { "a = ${${a}}", 1, 7 },
        { "a = ${a", 1, 5 },
        { "a =", 1, 4 },
        { "a", 1, 2 },
        { "+= 10", 1, 1 },
        { "a = 1 +", 1, 7 },
        { "a = foo^bar", 1, 8 },
        { "a = foo?", 1, 8 },
        { "a = foo!", 1, 8 },
        { "a = foo@bar", 1, 8 },
        { "a = foo*", 1, 8 },
        { "a = foo&", 1, 8 },
        { "a = foo\\bar", 1, 8 },
        { "a = foo`bar", 1, 8 },
        { "a = $foo", 1, 5 },
        { "a = \"abc", 1, 5 },
        { "a = \"ab\\qc\"", 1, 8 },
        { "a = \"\\u12\"", 1, 6 },
        { "a = \"\"\"abc", 1, 5 },
        { "a = \"line\nbreak\"", 1, 10 },
        { "a..b = 1", 1, 1 },
        { ".a = 1", 1, 1 },
        { "a. = 1", 1, 1 },
        { "a = [1, 2", 1, 10 },
        { "a = { b = 1", 1, 12 },
        { "a = {} x", 1, 8 },
        { "a = [1] x", 1, 9 },
        { "a = [1] {}", 1, 5 },
        { "${a} = 1", 1, 1 },
        { "include foo", 1, 9 },
        { "include required(\"missing.conf\")", 1, 1 },
        { "include url(\"http://example.invalid/x.conf\")", 1, 1 },
        { "a = 1,,", 1, 7 },
        { "a = -", 1, 5 },
        { "a : ${b}", 1, 5 },
        { "a : ${b}, b : ${a}", 1, 15 },
        { "a : { b : ${a} }", 1, 11 },
        { "a = ${?a} ${a}", 1, 11 },
        { "a = 1\nb = [\n1,\n,2]", 4, 1 },
        { "a {\n  b = 1\n}\n}", 4, 1 },
        { "a = 1\n  b", 2, 4 },
        { "a = [,1]", 1, 6 },
        { "a = { b = 1,, }", 1, 13 },
        { "a = { , b = 1 }", 1, 7 },
        { "a = ]", 1, 5 },
        { "a = }", 1, 5 },
        { "include \"a\" \"b\"", 1, 13 },
        { "a : 1 : 2", 1, 7 },
        { "a = \"\"\"x\"\"\" \"\"\"", 1, 13 },
        { "a = \"x\u0001\"", 1, 7 },
        { "a = {b: ${c}}", 1, 9 },
        { "a = [${?x}, ${y}]", 1, 13 },
        { "a = ${b}\nb = [1]\nc = ${a} x", 3, 10 },
        { "a = 1\nb = ${a}${c}", 2, 9 },
        { "a { b = 1 } c", 1, 13 },
        { "a = x\n\n   include", 3, 11 },
    };

    public static TheoryData<string, int, int> Json() => new()
    {
        { "{\"a\" : 1,}", 1, 10 },
        { "{\"a\": x}", 1, 7 },
        { "{a: 1}", 1, 2 },
        { "// c\n{}", 1, 1 },
        { "{\"a\" = 1}", 1, 6 },
        { "\"a\" : 1", 1, 1 },
        { "{\"a\" : 1 \"b\" : 2}", 1, 10 },
        { "{\"a\" : [1 2]}", 1, 11 },
    };

    [Theory]
    [MemberData(nameof(Conf))]
    public void Invalid_conf_is_rejected_at_the_faulty_line_and_column(string document, int line, int column)
    {
        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString(document, Options));
        Assert.True((line, column) == (error.Line, error.Column), $"expected {line}:{column}, got {error.Message}");
        Assert.StartsWith($"string:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Json))]
    public void Invalid_json_is_rejected_at_the_faulty_line_and_column(string document, int line, int column)
    {
        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString(document, Options with { Syntax = HoconSyntax.Json }));
        Assert.True((line, column) == (error.Line, error.Column), $"expected {line}:{column}, got {error.Message}");
    }

    [Fact]
    public void Absurd_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000);
        var e = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString(deep, Options));
        Assert.Contains("nested more than", e.Message, StringComparison.Ordinal);
        var chain = string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = 1";
        Assert.Contains("nest more than", Assert.Throws<HoconException>(() => ConfigurationFactory.ParseString(chain, Options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moderate_substitution_chains_resolve()
    {
        var chain = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk100 = 1";
        Assert.Equal(1, ConfigurationFactory.ParseString(chain, Options).GetInt("k0"));
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_invalid_documents()
    {
        Assert.True(Conf().Count + Json().Count >= 50);
    }
}
