using System.Globalization;
using System.Text;

namespace TimeActors.Hocon;

/// <summary>
/// Splits HOCON (or strict JSON) text into tokens. Comments vanish here; newlines stay because they
/// separate fields and end value concatenations. Whitespace stays because it is kept between
/// concatenated strings.
/// </summary>
internal sealed class HoconTokenizer
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _source;
    private readonly bool _json;
    private readonly List<HoconToken> _tokens = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public HoconTokenizer(string text, string source, bool json = false)
    {
        _text = text;
        _source = source;
        _json = json;
    }

    public List<HoconToken> Tokenize()
    {
        while (true)
        {
            var token = NextToken();
            _tokens.Add(token);
            if (token.Kind == HoconTokenKind.End)
            {
                return _tokens;
            }
        }
    }

    /// <summary>The next token; End again and again once the text is exhausted.</summary>
    public HoconToken NextToken()
    {
        if (_pos == 0 && _text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }

        return Next(insideSubstitution: false);
    }

    private HoconOrigin Here => new(_source, _line, _pos - _lineStart + 1);

    private HoconException Error(string reason) => new(Here, reason);

    private static HoconException Error(HoconOrigin at, string reason) => new(at, reason);

    internal static bool IsWhitespace(char c) => c != '\n'
        && (char.IsWhiteSpace(c) || c == '\uFEFF' || (c >= '\u001C' && c <= '\u001F')
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private HoconToken Next(bool insideSubstitution)
    {
        while (true)
        {
            if (AtEnd)
            {
                return new HoconToken(HoconTokenKind.End, "", Here);
            }

            var start = Here;
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
                return new HoconToken(HoconTokenKind.Newline, "\n", start);
            }

            if (IsWhitespace(c))
            {
                var from = _pos;
                while (!AtEnd && IsWhitespace(_text[_pos]))
                {
                    _pos++;
                }

                var blank = _pos - from == 1 && c == ' ' ? " " : _text[from.._pos];
                return new HoconToken(HoconTokenKind.Whitespace, blank, start);
            }

            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                if (_json)
                {
                    throw Error("comments are not allowed in JSON");
                }

                while (!AtEnd && _text[_pos] != '\n')
                {
                    _pos++;
                }

                continue;
            }

            switch (c)
            {
                case '{':
                    _pos++;
                    return new HoconToken(HoconTokenKind.OpenBrace, "{", start);
                case '}':
                    _pos++;
                    return new HoconToken(HoconTokenKind.CloseBrace, "}", start);
                case '[':
                    _pos++;
                    return new HoconToken(HoconTokenKind.OpenBracket, "[", start);
                case ']':
                    _pos++;
                    return new HoconToken(HoconTokenKind.CloseBracket, "]", start);
                case ',':
                    _pos++;
                    return new HoconToken(HoconTokenKind.Comma, ",", start);
                case ':':
                    _pos++;
                    return new HoconToken(HoconTokenKind.Colon, ":", start);
                case '=':
                    if (_json)
                    {
                        throw Error("`=` is not allowed in JSON; use `:`");
                    }

                    _pos++;
                    return new HoconToken(HoconTokenKind.EqualsSign, "=", start);
                case '+':
                    if (Peek(1) == '=' && !_json)
                    {
                        _pos += 2;
                        return new HoconToken(HoconTokenKind.PlusEquals, "+=", start);
                    }

                    throw Error("`+` is reserved; quote it (\"+\") or write `+=`");
                case '"':
                    return ReadQuoted(start);
                case '$':
                    if (_json)
                    {
                        throw Error("substitutions are not allowed in JSON");
                    }

                    if (Peek(1) != '{')
                    {
                        throw Error("`$` is reserved; quote it or write a substitution `${path}`");
                    }

                    if (insideSubstitution)
                    {
                        throw Error("substitutions cannot be nested");
                    }

                    return ReadSubstitution(start);
                default:
                    break;
            }

            if (c == '-' || char.IsAsciiDigit(c))
            {
                return ReadNumber(start);
            }

            if (Forbidden.Contains(c, StringComparison.Ordinal))
            {
                throw Error($"`{c}` is a reserved character; quote it to use it in a string");
            }

            return ReadUnquoted(start);
        }
    }

    private HoconToken ReadNumber(HoconOrigin start)
    {
        var from = _pos;
        if (Peek() == '-')
        {
            _pos++;
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error(start, "`-` must start a number; quote strings that start with `-`");
            }
        }

        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (char.IsAsciiDigit(Peek()))
            {
                while (char.IsAsciiDigit(Peek()))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        return new HoconToken(HoconTokenKind.Number, _text[from.._pos], start);
    }

    private HoconToken ReadUnquoted(HoconOrigin start)
    {
        foreach (var (word, kind) in Keywords)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                _pos += word.Length;
                return new HoconToken(kind, word, start);
            }
        }

        if (_json)
        {
            throw Error("unquoted strings are not allowed in JSON");
        }

        var from = _pos;
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (c == '\n' || IsWhitespace(c) || Forbidden.Contains(c, StringComparison.Ordinal) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            _pos++;
        }

        return new HoconToken(HoconTokenKind.UnquotedText, _text[from.._pos], start);
    }

    private static readonly (string Word, HoconTokenKind Kind)[] Keywords =
    [
        ("true", HoconTokenKind.True),
        ("false", HoconTokenKind.False),
        ("null", HoconTokenKind.Null),
    ];

    private HoconToken ReadQuoted(HoconOrigin start)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            if (_json)
            {
                throw Error("triple-quoted strings are not allowed in JSON");
            }

            return ReadTripleQuoted(start);
        }

        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "unterminated quoted string (missing closing \")");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return new HoconToken(HoconTokenKind.QuotedString, sb.ToString(), start);
            }

            if (c == '\n')
            {
                throw Error("newline inside a quoted string; use \\n or a triple-quoted string");
            }

            if (c < ' ')
            {
                throw Error($"control character U+{(int)c:X4} inside a quoted string must be escaped");
            }

            if (c != '\\')
            {
                sb.Append(c);
                _pos++;
                continue;
            }

            var escapeAt = Here;
            _pos++;
            var e = Peek();
            _pos++;
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error(escapeAt, "`\\u` must be followed by four hex digits");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error(escapeAt, $"invalid escape `\\{(e == '\0' ? "" : e.ToString())}` in a quoted string");
            }
        }
    }

    private HoconToken ReadTripleQuoted(HoconOrigin start)
    {
        _pos += 3;
        var from = _pos;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "unterminated triple-quoted string (missing closing \"\"\")");
            }

            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
                continue;
            }

            if (c == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Quotes beyond the closing three belong to the content.
                var run = 0;
                while (Peek(run) == '"')
                {
                    run++;
                }

                var content = _text[from.._pos] + new string('"', run - 3);
                _pos += run;
                return new HoconToken(HoconTokenKind.QuotedString, content, start, Triple: true);
            }

            _pos++;
        }
    }

    private HoconToken ReadSubstitution(HoconOrigin start)
    {
        _pos += 2;
        var optional = false;
        if (Peek() == '?')
        {
            optional = true;
            _pos++;
        }

        var pieces = new List<HoconToken>();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "unterminated substitution (missing `}`)");
            }

            if (Peek() == '}')
            {
                _pos++;
                break;
            }

            var token = Next(insideSubstitution: true);
            if (!token.Kind.IsPathPiece())
            {
                throw Error(token.Origin, $"{token.Describe()} is not allowed inside a substitution `${{...}}`");
            }

            pieces.Add(token);
        }

        if (pieces.TrueForAll(p => p.Kind == HoconTokenKind.Whitespace))
        {
            throw Error(start, "empty substitution `${}`");
        }

        var path = HoconPath.FromPieces(pieces, start);
        return new HoconToken(HoconTokenKind.Substitution, "${" + (optional ? "?" : "") + path + "}", start, path, optional);
    }
}
