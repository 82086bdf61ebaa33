using System.Globalization;
using System.Text;

namespace TimeActors.Hocon;

/// <summary>Turns values back into text: compact JSON-compatible output, or indented HOCON with origins.</summary>
internal static class HoconRenderer
{
    public static string Render(HoconValue value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, HoconValue value)
    {
        switch (value)
        {
            case HoconScalar s:
                sb.Append(s.Type == HoconType.String ? Quote(s.Text) : s.Text);
                break;
            case HoconArray a:
                sb.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, a.Items[i]);
                }

                sb.Append(']');
                break;
            case HoconObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, v) in o.Fields)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(Quote(key)).Append(':');
                    Append(sb, v);
                }

                sb.Append('}');
                break;
            case HoconSubstitution sub:
                sb.Append(sub.Display);
                break;
            case HoconConcatenation c:
                foreach (var part in c.Parts)
                {
                    Append(sb, part);
                }

                break;
            case HoconMergeStack m:
                sb.Append(string.Join(" <- ", m.Layers.Select(Render)));
                break;
            default:
                sb.Append('?');
                break;
        }
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
