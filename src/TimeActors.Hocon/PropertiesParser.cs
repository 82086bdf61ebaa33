using System.Globalization;
using System.Text;

namespace TimeActors.Hocon;

/// <summary>
/// Java .properties files as the spec maps them: keys split on every `.` (empty keys kept), values
/// always strings, and where a key is both a value and a parent the object wins.
/// </summary>
internal static class PropertiesParser
{
    public static HoconObject Parse(string text, string source)
    {
        var root = new HoconObject(new HoconOrigin(source, 1, 1));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var logical = lines[i].TrimStart(' ', '\t', '\f');
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            // A line ending in an odd number of backslashes continues on the next line.
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical = logical[..^1] + lines[++i].TrimStart(' ', '\t', '\f');
            }

            if (EndsWithContinuation(logical))
            {
                logical = logical[..^1];
            }

            var (key, value) = SplitKeyValue(logical, new HoconOrigin(source, lineNumber, 1));
            Set(root, key.Split('.'), HoconScalar.String(value, new HoconOrigin(source, lineNumber, 1)));
        }

        return root;
    }

    private static bool EndsWithContinuation(string line)
    {
        var count = 0;
        for (var k = line.Length - 1; k >= 0 && line[k] == '\\'; k--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static (string Key, string Value) SplitKeyValue(string line, HoconOrigin origin)
    {
        var key = new StringBuilder();
        var k = 0;
        while (k < line.Length)
        {
            var c = line[k];
            if (c == '\\' && k + 1 < line.Length)
            {
                k = Unescape(line, k, key, origin);
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            key.Append(c);
            k++;
        }

        while (k < line.Length && line[k] is ' ' or '\t' or '\f')
        {
            k++;
        }

        if (k < line.Length && line[k] is '=' or ':')
        {
            k++;
            while (k < line.Length && line[k] is ' ' or '\t' or '\f')
            {
                k++;
            }
        }

        var value = new StringBuilder();
        while (k < line.Length)
        {
            if (line[k] == '\\' && k + 1 < line.Length)
            {
                k = Unescape(line, k, value, origin);
                continue;
            }

            value.Append(line[k]);
            k++;
        }

        return (key.ToString(), value.ToString());
    }

    private static int Unescape(string line, int k, StringBuilder into, HoconOrigin origin)
    {
        var e = line[k + 1];
        switch (e)
        {
            case 't': into.Append('\t'); return k + 2;
            case 'n': into.Append('\n'); return k + 2;
            case 'r': into.Append('\r'); return k + 2;
            case 'f': into.Append('\f'); return k + 2;
            case 'u':
                if (k + 6 > line.Length
                    || !ushort.TryParse(line.AsSpan(k + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new HoconException(origin with { Column = k + 1 }, "`\\u` must be followed by four hex digits");
                }

                into.Append((char)code);
                return k + 6;
            default:
                into.Append(e);
                return k + 2;
        }
    }

    private static void Set(HoconObject root, string[] keys, HoconScalar value)
    {
        var target = root;
        for (var i = 0; i < keys.Length - 1; i++)
        {
            if (target.TryGetValue(keys[i], out var existing) && existing is HoconObject child)
            {
                target = child;
                continue;
            }

            // The object wins over a plain value at the same key.
            var created = new HoconObject(value.Origin);
            target.Set(keys[i], created);
            target = created;
        }

        var last = keys[^1];
        if (target.TryGetValue(last, out var current) && current is HoconObject)
        {
            return;
        }

        target.Set(last, value);
    }
}
