namespace TimeActors.Hocon;

/// <summary>How <see cref="ConfigurationFactory"/> parses and resolves a document.</summary>
public sealed record HoconParseOptions
{
    public static HoconParseOptions Default { get; } = new();

    /// <summary>
    /// A substitution not found in the tree is read from the environment variable of the same name
    /// (always as a string). On by default, as in the spec; conformance tests turn it off.
    /// </summary>
    public bool UseEnvironmentVariables { get; init; } = true;

    /// <summary>
    /// Resolve substitutions as soon as the document is parsed, so errors surface at once. Turn off
    /// for a layer that refers to keys another layer supplies (see <see cref="Config.WithFallback"/>).
    /// </summary>
    public bool ResolveImmediately { get; init; } = true;

    /// <summary>The syntax of the text given to ParseString (files take it from their extension).</summary>
    public HoconSyntax Syntax { get; init; } = HoconSyntax.Conf;

    /// <summary>Where relative includes in a parsed string are looked up; null means they are not found.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The origin name given to values parsed from a string.</summary>
    public string OriginDescription { get; init; } = "string";

    /// <summary>Supplies the text of <c>include classpath("name")</c> (e.g. from embedded resources); null if absent.</summary>
    public Func<string, string?>? ResourceLoader { get; init; }
}
