using System.Globalization;

namespace TimeActors.Hocon;

/// <summary>
/// The spec's unit formats: durations (<c>ns</c> … <c>d</c>, bare numbers are milliseconds) and sizes
/// in bytes (SI <c>kB</c> … <c>YB</c>, IEC and single letters as powers of two). Akka's <c>infinite</c>
/// duration is accepted where the caller allows it.
/// </summary>
public static class HoconUnits
{
    /// <summary>The forms accepted for a duration, for error messages.</summary>
    public const string DurationForm = "a duration such as `250ms`, `1.5 s`, `5 minutes` (units ns, us, ms, s, m, h, d; a bare number is milliseconds)";

    /// <summary>The forms accepted for a size, for error messages.</summary>
    public const string SizeForm = "a size such as `512`, `64 KiB`, `10MB` (units B, kB…YB powers of ten, K/KiB…Y/YiB powers of two)";

    private static readonly Dictionary<string, decimal> DurationNanos = BuildDurationUnits();
    private static readonly Dictionary<string, decimal> SizeBytes = BuildSizeUnits();

    public static bool IsInfinite(string text) => string.Equals(text.Trim(), "infinite", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a duration; throws <see cref="HoconException"/> at <paramref name="origin"/> naming the expected form.</summary>
    public static TimeSpan ParseDuration(string text, HoconOrigin origin, bool allowInfinite = false)
    {
        if (TryParseDuration(text, allowInfinite, out var value))
        {
            return value;
        }

        var extra = allowInfinite ? " or `infinite`" : "";
        throw new HoconException(origin, $"`{text}` is not {DurationForm}{extra}");
    }

    public static bool TryParseDuration(string text, bool allowInfinite, out TimeSpan value)
    {
        value = default;
        if (IsInfinite(text))
        {
            value = Timeout.InfiniteTimeSpan;
            return allowInfinite;
        }

        if (!Split(text, out var number, out var unit))
        {
            return false;
        }

        var perUnit = unit.Length == 0 ? 1_000_000m : DurationNanos.GetValueOrDefault(unit);
        if (perUnit == 0)
        {
            return false;
        }

        try
        {
            var ticks = Math.Round(number * perUnit / 100m, MidpointRounding.AwayFromZero);
            if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
            {
                return false;
            }

            value = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses a size in bytes; throws <see cref="HoconException"/> at <paramref name="origin"/> naming the expected form.</summary>
    public static long ParseByteSize(string text, HoconOrigin origin)
    {
        if (TryParseByteSize(text, out var value))
        {
            return value;
        }

        throw new HoconException(origin, $"`{text}` is not {SizeForm} that fits in 64 bits");
    }

    public static bool TryParseByteSize(string text, out long value)
    {
        value = 0;
        if (!Split(text, out var number, out var unit))
        {
            return false;
        }

        var perUnit = unit.Length == 0 ? 1m : SizeBytes.GetValueOrDefault(unit);
        if (perUnit == 0)
        {
            return false;
        }

        try
        {
            var bytes = decimal.Truncate(number * perUnit);
            if (bytes > long.MaxValue || bytes < long.MinValue)
            {
                return false;
            }

            value = (long)bytes;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Optional whitespace, a number, optional whitespace, an optional unit of letters, optional whitespace.</summary>
    private static bool Split(string text, out decimal number, out string unit)
    {
        number = 0;
        unit = "";
        var s = text.Trim();
        var end = s.Length;
        while (end > 0 && char.IsLetter(s[end - 1]))
        {
            end--;
        }

        unit = s[end..];
        var numberPart = s[..end].TrimEnd();
        return numberPart.Length > 0
            && decimal.TryParse(numberPart, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static Dictionary<string, decimal> BuildDurationUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal nanos, params string[] names)
        {
            foreach (var n in names)
            {
                units[n] = nanos;
            }
        }

        Add(1m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000m, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000m, "s", "second", "seconds");
        Add(60m * 1_000_000_000m, "m", "minute", "minutes");
        Add(3_600m * 1_000_000_000m, "h", "hour", "hours");
        Add(86_400m * 1_000_000_000m, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, decimal> BuildSizeUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1m, ["b"] = 1m, ["byte"] = 1m, ["bytes"] = 1m,
        };
        string[] si = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] iec = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string letters = "KMGTPEZY";
        decimal ten = 1m;
        decimal two = 1m;
        for (var i = 0; i < letters.Length; i++)
        {
            ten *= 1000m;
            two *= 1024m;
            var l = letters[i];
            var siAbbrev = i == 0 ? "kB" : $"{l}B";
            units[siAbbrev] = ten;
            units[si[i] + "byte"] = ten;
            units[si[i] + "bytes"] = ten;
            units[l.ToString()] = two;
            units[char.ToLowerInvariant(l).ToString()] = two;
            units[$"{l}i"] = two;
            units[$"{l}iB"] = two;
            units[iec[i] + "byte"] = two;
            units[iec[i] + "bytes"] = two;
        }

        return units;
    }
}
