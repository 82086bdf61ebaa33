using TimeActors.Hocon;

namespace TimeActors.Hocon.Tests;

/// <summary>Test helpers: parse without environment fallback and compare with JSON.</summary>
internal static class Hocon
{
    public static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false };

    public static Config Parse(string text) => ConfigurationFactory.ParseString(text, NoEnvironment);

    public static HoconObject Json(string json) => ConfigurationFactory.ParseString(json, NoEnvironment with { Syntax = HoconSyntax.Json }).Root;

    public static void Equivalent(string expectedJson, string hocon)
    {
        var expected = Json(expectedJson);
        var actual = Parse(hocon).Root;
        Assert.True(expected.Equals(actual), $"expected {expected}\nactual   {actual}");
    }
}
