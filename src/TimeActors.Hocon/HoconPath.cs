using System.Text;

namespace TimeActors.Hocon;

/// <summary>
/// A path expression split into its keys: <c>a."b.c".d</c> is [a, b.c, d]. Parsing follows the
/// spec: unquoted dots separate keys, dots inside quotes do not, and empty keys must be quoted.
/// </summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    private readonly string[] _elements;

    public HoconPath(IEnumerable<string> elements)
    {
        _elements = [.. elements];
        if (_elements.Length == 0)
        {
            throw new ArgumentException("A path has at least one key.", nameof(elements));
        }
    }

    public IReadOnlyList<string> Elements => _elements;

    public int Count => _elements.Length;

    public string this[int index] => _elements[index];

    /// <summary>Parses a path expression such as <c>timeactors.actors."ask-timeout"</c>.</summary>
    public static HoconPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var origin = new HoconOrigin("path expression", 1, 1);
        var tokens = new HoconTokenizer(expression, "path expression").Tokenize();
        var pieces = new List<HoconToken>();
        foreach (var token in tokens)
        {
            if (token.Kind == HoconTokenKind.End)
            {
                break;
            }

            if (!token.Kind.IsPathPiece())
            {
                throw new HoconException(token.Origin, $"`{expression}` is not a valid path expression");
            }

            pieces.Add(token);
        }

        return FromPieces(pieces, origin);
    }

    /// <summary>Builds a path from the tokens of a key or substitution (whitespace trimmed at the ends).</summary>
    internal static HoconPath FromPieces(List<HoconToken> pieces, HoconOrigin origin)
    {
        var start = 0;
        var end = pieces.Count;
        while (start < end && pieces[start].Kind == HoconTokenKind.Whitespace)
        {
            start++;
        }

        while (end > start && pieces[end - 1].Kind == HoconTokenKind.Whitespace)
        {
            end--;
        }

        if (start == end)
        {
            throw new HoconException(origin, "expected a path expression, found nothing");
        }

        // The common key: one word without dots.
        if (end - start == 1 && (pieces[start].Kind == HoconTokenKind.QuotedString || !pieces[start].Text.Contains('.', StringComparison.Ordinal)))
        {
            return new HoconPath([pieces[start].Text]);
        }

        var elements = new List<string>(4);
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = start; i < end; i++)
        {
            var piece = pieces[i];
            if (piece.Kind == HoconTokenKind.QuotedString)
            {
                current.Append(piece.Text);
                hasContent = true;
                continue;
            }

            // Unquoted text, numbers, true/false/null and whitespace: dots separate keys.
            var text = piece.Text;
            var segmentStart = 0;
            for (var c = 0; c < text.Length; c++)
            {
                if (text[c] != '.')
                {
                    continue;
                }

                current.Append(text, segmentStart, c - segmentStart);
                if (!hasContent && current.Length == 0)
                {
                    throw new HoconException(piece.Origin, "a path key is empty (`..`, or a leading or trailing `.`); quote empty keys as \"\"");
                }

                elements.Add(current.ToString());
                current.Clear();
                hasContent = false;
                segmentStart = c + 1;
            }

            current.Append(text, segmentStart, text.Length - segmentStart);
            if (current.Length > 0)
            {
                hasContent = true;
            }
        }

        if (!hasContent && current.Length == 0)
        {
            throw new HoconException(pieces[end - 1].Origin, "a path key is empty (`..`, or a leading or trailing `.`); quote empty keys as \"\"");
        }

        elements.Add(current.ToString());
        return new HoconPath(elements);
    }

    public bool StartsWith(HoconPath prefix)
    {
        if (prefix._elements.Length > _elements.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix._elements.Length; i++)
        {
            if (!string.Equals(prefix._elements[i], _elements[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public HoconPath SubPath(int start) => new(_elements.Skip(start));

    public HoconPath Prepend(IReadOnlyList<string> prefix) => prefix.Count == 0 ? this : new HoconPath(prefix.Concat(_elements));

    public HoconPath Append(string key) => new(_elements.Append(key));

    public bool Equals(HoconPath? other) => other is not null && _elements.AsSpan().SequenceEqual(other._elements);

    public override bool Equals(object? obj) => obj is HoconPath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in _elements)
        {
            hash.Add(e, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The path as an expression, quoting keys that need it.</summary>
    public override string ToString() => Render(_elements);

    internal static string Render(IEnumerable<string> elements) => string.Join('.', elements.Select(RenderKey));

    internal static string RenderKey(string key)
    {
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && !char.IsAsciiDigit(key[0]) && key[0] != '-'
            && key is not ("true" or "false" or "null" or "include"))
        {
            return key;
        }

        return HoconRenderer.Quote(key);
    }
}
