namespace TimeActors.Hocon;

internal enum HoconTokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    EqualsSign,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    True,
    False,
    Null,
    Substitution,
}
