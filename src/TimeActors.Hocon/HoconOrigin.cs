namespace TimeActors.Hocon;

/// <summary>
/// Where a value or an error comes from: a file (or a description such as "string" or "env var X"),
/// a 1-based line and column. Values keep it through merging and resolution so errors and
/// <c>config show</c> can point at the line that set them.
/// </summary>
public readonly record struct HoconOrigin(string Source, int Line, int Column)
{
    public static HoconOrigin None { get; } = new("(none)", 0, 0);

    /// <summary>"file:line", the form used in settings errors and <c>config show</c>.</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}" : Source;

    /// <summary>"file:line:column", the form used in parse errors.</summary>
    public string ToStringWithColumn() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
