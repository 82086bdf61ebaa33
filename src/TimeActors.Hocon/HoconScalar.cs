using System.Globalization;

namespace TimeActors.Hocon;

/// <summary>
/// A string, number, boolean or null. Numbers keep the text they were written with, because value
/// concatenation and path expressions must reproduce it exactly ("3.14" is a path of "3" and "14").
/// </summary>
public sealed class HoconScalar : HoconValue
{
    private readonly HoconType _type;

    private HoconScalar(HoconType type, string text, HoconOrigin origin)
        : base(origin)
    {
        _type = type;
        Text = text;
    }

    public override HoconType Type => _type;

    /// <summary>The string value, or the number as written, or "true"/"false"/"null".</summary>
    public string Text { get; }

    public static HoconScalar String(string text, HoconOrigin origin) => new(HoconType.String, text, origin);

    public static HoconScalar Number(string text, HoconOrigin origin) => new(HoconType.Number, text, origin);

    public static HoconScalar Boolean(bool value, HoconOrigin origin) => new(HoconType.Boolean, value ? "true" : "false", origin);

    public static HoconScalar Null(HoconOrigin origin) => new(HoconType.Null, "null", origin);

    /// <summary>A whole number written without fraction or exponent that fits in a long.</summary>
    public bool TryGetLong(out long value)
    {
        if (_type is HoconType.Number or HoconType.String
            && long.TryParse(Text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryGetDouble(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryGetDouble(out double value)
    {
        if (_type is HoconType.Number or HoconType.String)
        {
            return double.TryParse(Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                && double.IsFinite(value);
        }

        value = 0;
        return false;
    }

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconScalar s || s._type != _type)
        {
            return false;
        }

        if (_type != HoconType.Number)
        {
            return string.Equals(Text, s.Text, StringComparison.Ordinal);
        }

        // Whole numbers compare as integers, everything else as doubles (Lightbend's rule).
        if (IsWhole(this, out var a) && IsWhole(s, out var b))
        {
            return a == b;
        }

        return TryGetDouble(out var x) && s.TryGetDouble(out var y) && x.Equals(y);
    }

    public override int GetHashCode()
    {
        if (_type == HoconType.Number)
        {
            return TryGetDouble(out var d) ? d.GetHashCode() : Text.GetHashCode(StringComparison.Ordinal);
        }

        return HashCode.Combine(_type, Text);
    }

    private static bool IsWhole(HoconScalar s, out long value)
    {
        value = 0;
        return s.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e18 && s.TryGetLong(out value);
    }
}
