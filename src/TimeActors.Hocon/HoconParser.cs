using System.Text;

namespace TimeActors.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved tree. Duplicate keys merge as they are
/// read; substitutions stay as nodes for <see cref="HoconResolver"/>. Paths are tracked absolutely
/// (including the include prefix) because <c>+=</c> and included substitutions need them.
/// </summary>
internal sealed class HoconParser
{
    private readonly HoconTokenizer _lexer;
    private readonly List<HoconToken> _ahead = new(8);
    private readonly bool _json;
    private readonly string[] _prefix;
    private readonly HoconLoader _loader;
    private readonly string? _directory;
    private readonly string _source;
    private int _head;
    private int _depth;

    // Deeper nesting than this is no configuration anyone writes; refusing it keeps a hostile file
    // from overflowing the stack (which would kill the process instead of raising an error).
    private const int MaxDepth = 256;

    private HoconParser(HoconTokenizer lexer, bool json, string[] prefix, HoconLoader loader, string? directory, string source)
    {
        _lexer = lexer;
        _json = json;
        _prefix = prefix;
        _loader = loader;
        _directory = directory;
        _source = source;
    }

    /// <param name="prefix">Keys of the include point: substitutions in the document are made relative to it.</param>
    /// <param name="directory">Directory for relative includes, or null.</param>
    public static HoconObject Parse(string text, string source, bool json, string[] prefix, HoconLoader loader, string? directory)
    {
        var lexer = new HoconTokenizer(text, source, json);
        return new HoconParser(lexer, json, prefix, loader, directory, source).ParseDocument();
    }

    // Tokens are pulled on demand with a small look-ahead window, so a large file never holds its
    // whole token list (which would land on the large-object heap).
    private HoconToken Peek(int ahead = 0)
    {
        while (_ahead.Count - _head <= ahead)
        {
            _ahead.Add(_lexer.NextToken());
        }

        return _ahead[_head + ahead];
    }

    private HoconToken Consume()
    {
        var token = Peek();
        _head++;
        if (_head == _ahead.Count)
        {
            _ahead.Clear();
            _head = 0;
        }

        return token;
    }

    private static HoconException Error(HoconToken at, string reason) => new(at.Origin, reason);

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace)
        {
            Consume();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            Consume();
        }
    }

    private HoconObject ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        HoconObject root;
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            Consume();
            root = ParseObjectBody(braced: true, _prefix, first);
            SkipWhitespaceAndNewlines();
            if (Peek().Kind != HoconTokenKind.End)
            {
                throw Error(Peek(), $"unexpected {Peek().Describe()} after the closing `}}` of the root object");
            }
        }
        else if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(first, "the root of a configuration must be an object, not an array");
        }
        else
        {
            if (_json)
            {
                throw Error(first, "a JSON document must start with `{`");
            }

            root = ParseObjectBody(braced: false, _prefix, first);
        }

        return root;
    }

    private HoconObject ParseObjectBody(bool braced, IReadOnlyList<string>? path, HoconToken opener)
    {
        EnterNesting(opener);
        try
        {
            return ParseObjectFields(braced, path, opener);
        }
        finally
        {
            _depth--;
        }
    }

    private void EnterNesting(HoconToken opener)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(opener, $"objects and arrays are nested more than {MaxDepth} deep");
        }
    }

    private HoconObject ParseObjectFields(bool braced, IReadOnlyList<string>? path, HoconToken opener)
    {
        var obj = new HoconObject(opener.Origin);
        var afterComma = false;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            switch (t.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    if (!braced)
                    {
                        throw Error(t, "unbalanced `}` (no matching `{`)");
                    }

                    if (afterComma && _json)
                    {
                        throw Error(t, "JSON does not allow a trailing comma");
                    }

                    Consume();
                    return obj;
                case HoconTokenKind.End:
                    if (braced)
                    {
                        throw Error(t, $"end of input inside the object opened at line {opener.Origin.Line}, column {opener.Origin.Column} (missing `}}`)");
                    }

                    return obj;
                case HoconTokenKind.Comma:
                    throw Error(t, afterComma ? "two commas in a row" : "unexpected `,` where a field was expected");
                case HoconTokenKind.CloseBracket:
                    throw Error(t, "unbalanced `]` inside an object");
                default:
                    break;
            }

            ParseField(obj, path);
            afterComma = SkipSeparator(HoconTokenKind.CloseBrace, "after a field");
        }
    }

    /// <summary>
    /// Consumes what separates two fields or elements: a comma (possibly after newlines) or, in HOCON,
    /// one or more newlines. Returns whether a comma was consumed.
    /// </summary>
    private bool SkipSeparator(HoconTokenKind closer, string where)
    {
        var sawNewline = false;
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            sawNewline |= Consume().Kind == HoconTokenKind.Newline;
        }

        var next = Peek();
        if (next.Kind == HoconTokenKind.Comma)
        {
            Consume();
            return true;
        }

        if (next.Kind == closer || next.Kind == HoconTokenKind.End || (sawNewline && !_json))
        {
            return false;
        }

        throw Error(next, $"expected `,` or a newline {where}, found {next.Describe()}");
    }

    private void ParseField(HoconObject obj, IReadOnlyList<string>? path)
    {
        var first = Peek();
        if (!_json && first.Kind == HoconTokenKind.UnquotedText && first.Text == "include")
        {
            ParseInclude(obj, path);
            return;
        }

        var pieces = new List<HoconToken>();
        while (true)
        {
            var t = Peek();
            if (t.Kind == HoconTokenKind.Substitution)
            {
                throw Error(t, "substitutions are not allowed in keys");
            }

            if (!t.Kind.IsPathPiece())
            {
                break;
            }

            pieces.Add(Consume());
        }

        while (pieces.Count > 0 && pieces[^1].Kind == HoconTokenKind.Whitespace)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        if (pieces.Count == 0)
        {
            throw Error(first, $"expected a key, found {Peek().Describe()}");
        }

        if (_json && (pieces.Count != 1 || pieces[0].Kind != HoconTokenKind.QuotedString))
        {
            throw Error(first, "JSON keys must be quoted strings");
        }

        var keyPath = _json ? new HoconPath([pieces[0].Text]) : HoconPath.FromPieces(pieces, first.Origin);
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        string[]? fieldPath = path is null ? null : [.. path, .. keyPath.Elements];
        HoconValue value;
        switch (separator.Kind)
        {
            case HoconTokenKind.Colon or HoconTokenKind.EqualsSign:
                Consume();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fieldPath, keyPath);
                break;
            case HoconTokenKind.PlusEquals:
                Consume();
                SkipWhitespaceAndNewlines();
                var appended = ParseValue(fieldPath, keyPath);
                if (fieldPath is null)
                {
                    throw Error(separator, "`+=` is not supported in objects inside arrays");
                }

                // a += b means a = ${?a} [b]
                var self = new HoconSubstitution(new HoconPath(fieldPath), optional: true, prefixLength: 0, separator.Origin);
                value = new HoconConcatenation(
                    [self, new HoconArray([appended], appended.Origin)],
                    [false, false],
                    separator.Origin);
                break;
            case HoconTokenKind.OpenBrace when !_json:
                value = ParseValue(fieldPath, keyPath);
                break;
            default:
                throw Error(separator, $"expected `:`, `=` or `{{` after the key `{keyPath}`, found {separator.Describe()}");
        }

        SetPath(obj, keyPath, value);
    }

    private static void SetPath(HoconObject obj, HoconPath keyPath, HoconValue value)
    {
        var target = obj;
        for (var i = 0; i < keyPath.Count - 1; i++)
        {
            var key = keyPath[i];
            if (target.TryGetValue(key, out var existing) && existing is HoconObject existingObject)
            {
                target = existingObject;
                continue;
            }

            // Wrap the rest of the path in objects and merge like a duplicate key.
            HoconValue wrapped = value;
            for (var j = keyPath.Count - 1; j > i; j--)
            {
                var wrapper = new HoconObject(value.Origin);
                wrapper.Set(keyPath[j], wrapped);
                wrapped = wrapper;
            }

            target.Set(key, HoconMerge.Merge(existing, wrapped, inPlace: true));
            return;
        }

        var last = keyPath[keyPath.Count - 1];
        target.Set(last, HoconMerge.Merge(target.TryGetValue(last, out var old) ? old : null, value, inPlace: true));
    }

    private HoconValue ParseValue(string[]? fieldPath, HoconPath? key)
    {
        var parts = new List<HoconValue>();
        var whitespace = new List<bool>();
        var start = Peek();
        while (true)
        {
            var t = Peek();
            if (t.IsSimpleValue)
            {
                Consume();
                parts.Add(t.Kind switch
                {
                    HoconTokenKind.Number => HoconScalar.Number(t.Text, t.Origin),
                    HoconTokenKind.True => HoconScalar.Boolean(true, t.Origin),
                    HoconTokenKind.False => HoconScalar.Boolean(false, t.Origin),
                    HoconTokenKind.Null => HoconScalar.Null(t.Origin),
                    _ => HoconScalar.String(t.Text, t.Origin),
                });
                whitespace.Add(false);
            }
            else if (t.Kind == HoconTokenKind.Substitution)
            {
                Consume();
                parts.Add(new HoconSubstitution(t.Path!.Prepend(_prefix), t.Optional, _prefix.Length, t.Origin));
                whitespace.Add(false);
            }
            else if (t.Kind == HoconTokenKind.OpenBrace)
            {
                Consume();
                parts.Add(ParseObjectBody(braced: true, fieldPath, t));
                whitespace.Add(false);
            }
            else if (t.Kind == HoconTokenKind.OpenBracket)
            {
                Consume();
                parts.Add(ParseArray(t));
                whitespace.Add(false);
            }
            else if (t.Kind == HoconTokenKind.Whitespace && parts.Count > 0 && StartsValue(Peek(1)))
            {
                Consume();
                parts.Add(HoconScalar.String(t.Text, t.Origin));
                whitespace.Add(true);
            }
            else
            {
                break;
            }

            if (_json)
            {
                // JSON has no value concatenation: whatever follows must be a separator.
                break;
            }
        }

        if (parts.Count == 0)
        {
            var what = key is null ? "an array element" : $"the key `{key}`";
            throw Error(start, $"expected a value for {what}, found {start.Describe()}");
        }

        return parts.Count == 1 ? parts[0] : BuildConcatenation(parts, whitespace, start.Origin);
    }

    private static bool StartsValue(HoconToken t) => t.IsSimpleValue
        || t.Kind is HoconTokenKind.Substitution or HoconTokenKind.OpenBrace or HoconTokenKind.OpenBracket;

    private static HoconValue BuildConcatenation(List<HoconValue> parts, List<bool> whitespace, HoconOrigin origin)
    {
        HoconValue? firstObject = null;
        HoconValue? firstArray = null;
        HoconValue? firstSimple = null;
        var hasSubstitution = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (whitespace[i])
            {
                continue;
            }

            switch (parts[i])
            {
                case HoconObject:
                    firstObject ??= parts[i];
                    break;
                case HoconArray:
                    firstArray ??= parts[i];
                    break;
                case HoconScalar:
                    firstSimple ??= parts[i];
                    break;
                default:
                    hasSubstitution = true;
                    break;
            }
        }

        if (firstObject is not null || firstArray is not null)
        {
            if (firstSimple is not null)
            {
                var kind = firstObject is not null ? "an object" : "an array";
                throw new HoconException(firstSimple.Origin, $"cannot concatenate {kind} with a string or number on the same line");
            }

            if (firstObject is not null && firstArray is not null)
            {
                throw new HoconException(firstArray.Origin, "cannot concatenate an object with an array");
            }

            var structural = new List<HoconValue>();
            for (var i = 0; i < parts.Count; i++)
            {
                if (!whitespace[i])
                {
                    structural.Add(parts[i]);
                }
            }

            if (hasSubstitution)
            {
                return new HoconConcatenation(structural, [.. structural.Select(_ => false)], origin);
            }

            if (firstArray is not null)
            {
                var items = new List<HoconValue>();
                foreach (var array in structural.Cast<HoconArray>())
                {
                    items.AddRange(array.Items);
                }

                return HoconArray.Wrap(items, origin);
            }

            HoconValue merged = structural[0];
            for (var i = 1; i < structural.Count; i++)
            {
                merged = HoconMerge.Merge(merged, structural[i], inPlace: true);
            }

            return merged;
        }

        if (hasSubstitution)
        {
            return new HoconConcatenation(parts, whitespace, origin);
        }

        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            sb.Append(((HoconScalar)part).Text);
        }

        return HoconScalar.String(sb.ToString(), origin);
    }

    private HoconArray ParseArray(HoconToken opener)
    {
        EnterNesting(opener);
        try
        {
            return ParseArrayElements(opener);
        }
        finally
        {
            _depth--;
        }
    }

    private HoconArray ParseArrayElements(HoconToken opener)
    {
        var items = new List<HoconValue>();
        var afterComma = false;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            switch (t.Kind)
            {
                case HoconTokenKind.CloseBracket:
                    if (afterComma && _json)
                    {
                        throw Error(t, "JSON does not allow a trailing comma");
                    }

                    Consume();
                    return HoconArray.Wrap(items, opener.Origin);
                case HoconTokenKind.End:
                    throw Error(t, $"end of input inside the array opened at line {opener.Origin.Line}, column {opener.Origin.Column} (missing `]`)");
                case HoconTokenKind.Comma:
                    throw Error(t, afterComma ? "two commas in a row" : "unexpected `,` where an array element was expected");
                case HoconTokenKind.CloseBrace:
                    throw Error(t, "unbalanced `}` inside an array");
                default:
                    break;
            }

            items.Add(ParseValue(null, null));
            afterComma = SkipSeparator(HoconTokenKind.CloseBracket, "between array elements");
        }
    }

    private void ParseInclude(HoconObject obj, IReadOnlyList<string>? path)
    {
        var includeToken = Consume();
        SkipWhitespaceAndNewlines();
        var required = false;
        var kind = HoconIncludeKind.Heuristic;
        var open = 0;
        var t = Peek();
        if (t.Kind == HoconTokenKind.UnquotedText)
        {
            var text = t.Text;
            if (text.StartsWith("required(", StringComparison.Ordinal))
            {
                required = true;
                open++;
                text = text["required(".Length..];
            }

            foreach (var (name, k) in IncludeKinds)
            {
                if (text.StartsWith(name, StringComparison.Ordinal))
                {
                    kind = k;
                    open++;
                    text = text[name.Length..];
                    break;
                }
            }

            if (open == 0 || text.Length > 0)
            {
                throw Error(t, "include must be followed by a quoted name, or by file(\"…\"), classpath(\"…\"), url(\"…\") or required(…)");
            }

            Consume();
            SkipWhitespace();
            t = Peek();
        }

        if (t.Kind != HoconTokenKind.QuotedString)
        {
            throw Error(t, $"include needs a single quoted file name, found {t.Describe()}");
        }

        if (t.Triple)
        {
            throw Error(t, "include needs a plain quoted file name, not a triple-quoted string");
        }

        var fileName = Consume().Text;
        var closed = 0;
        while (closed < open)
        {
            SkipWhitespace();
            var c = Peek();
            if (c.Kind != HoconTokenKind.UnquotedText || c.Text.Any(ch => ch != ')') || closed + c.Text.Length > open)
            {
                throw Error(c, $"expected `)` to close the include, found {c.Describe()}");
            }

            closed += c.Text.Length;
            Consume();
        }

        var prefix = path is null ? Array.Empty<string>() : [.. path];
        var included = _loader.Include(kind, fileName, required, includeToken.Origin, prefix, _directory, _source);
        foreach (var (key, value) in included.Fields)
        {
            obj.Set(key, HoconMerge.Merge(obj.TryGetValue(key, out var existing) ? existing : null, value, inPlace: true));
        }
    }

    private static readonly (string Name, HoconIncludeKind Kind)[] IncludeKinds =
    [
        ("file(", HoconIncludeKind.File),
        ("classpath(", HoconIncludeKind.Classpath),
        ("url(", HoconIncludeKind.Url),
    ];
}
