namespace TimeActors.Hocon;

internal static class HoconTokenKindExtensions
{
    /// <summary>Tokens that may form a key or the inside of a substitution.</summary>
    public static bool IsPathPiece(this HoconTokenKind kind) => kind is HoconTokenKind.QuotedString or HoconTokenKind.UnquotedText
        or HoconTokenKind.Number or HoconTokenKind.True or HoconTokenKind.False or HoconTokenKind.Null or HoconTokenKind.Whitespace;
}
