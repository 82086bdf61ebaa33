namespace TimeActors.Hocon;

/// <summary>One lexical token with its position; substitutions carry their parsed path.</summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, HoconOrigin Origin, HoconPath? Path = null, bool Optional = false, bool Triple = false)
{
    public bool IsSimpleValue => Kind is HoconTokenKind.QuotedString or HoconTokenKind.UnquotedText or HoconTokenKind.Number
        or HoconTokenKind.True or HoconTokenKind.False or HoconTokenKind.Null;

    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "newline",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"string \"{Text}\"",
        HoconTokenKind.Substitution => "substitution",
        _ => $"`{Text}`",
    };
}
