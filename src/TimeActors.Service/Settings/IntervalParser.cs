using System.Globalization;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>Parses signed durations to whole nanoseconds ("-25ns", "1.5 us", "0.2ms"; a bare number is ms, as in HOCON).</summary>
internal static class IntervalParser
{
    public static bool TryParse(string text, out TimeInterval value)
    {
        value = TimeInterval.Zero;
        var s = text.Trim();
        var end = s.Length;
        while (end > 0 && char.IsLetter(s[end - 1]))
        {
            end--;
        }

        decimal perUnit = s[end..] switch
        {
            "" or "ms" => 1_000_000m,
            "ns" => 1m,
            "us" => 1_000m,
            "s" => 1_000_000_000m,
            _ => 0m,
        };
        if (perUnit == 0 || !decimal.TryParse(s[..end].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var ns = number * perUnit;
        if (ns > long.MaxValue || ns < long.MinValue)
        {
            return false;
        }

        value = new TimeInterval((long)Math.Round(ns, MidpointRounding.AwayFromZero));
        return true;
    }
}
