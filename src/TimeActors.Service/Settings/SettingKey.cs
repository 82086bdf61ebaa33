using System.Globalization;
using TimeActors.Hocon;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>
/// One key of a settings section: its name relative to the section, the form it must have
/// (checked with ranges and choices) and a one-line description. Sections are tables of these, so a
/// new section is a list of keys plus a bind function.
/// </summary>
public sealed class SettingKey
{
    private readonly Func<HoconValue, object?> _read;

    private SettingKey(string key, string expectedForm, string description, Func<HoconScalar, object?> read)
        : this(key, expectedForm, description, (HoconValue v) => v is HoconScalar s ? read(s) : null)
    {
    }

    private SettingKey(string key, string expectedForm, string description, Func<HoconValue, object?> read)
    {
        Key = key;
        ExpectedForm = expectedForm;
        Description = description;
        _read = read;
    }

    /// <summary>The key relative to its section, e.g. <c>dispatcher.throughput</c>.</summary>
    public string Key { get; }

    /// <summary>What an operator must write, for error messages ("a whole number from 1 to 1000").</summary>
    public string ExpectedForm { get; }

    public string Description { get; }

    public static SettingKey Integer(string key, long min, long max, string description) => new(
        key,
        string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"),
        description,
        s => s.TryGetLong(out var v) && v >= min && v <= max ? v : null);

    /// <summary>A count that may also be <c>off</c> (0) or <c>on</c> (<paramref name="onValue"/>), like Akka's log-dead-letters.</summary>
    public static SettingKey CountOrSwitch(string key, long max, long onValue, string description) => new(
        key,
        string.Create(CultureInfo.InvariantCulture, $"a whole number from 0 to {max}, `on` or `off`"),
        description,
        s => s.TryGetLong(out var v) ? (v >= 0 && v <= max ? v : null)
            : Config.TryParseBoolean(s.Text, out var on) ? (on ? onValue : 0L) : null);

    public static SettingKey Boolean(string key, string description) => new(
        key,
        "a boolean (on/off, true/false, yes/no)",
        description,
        s => Config.TryParseBoolean(s.Text, out var b) ? b : null);

    public static SettingKey Duration(string key, TimeSpan min, TimeSpan max, bool allowInfinite, string description) => new(
        key,
        $"a duration from {Show(min)} to {Show(max)}{(allowInfinite ? " or `infinite`" : "")} (units ns, us, ms, s, m, h, d)",
        description,
        s =>
        {
            if (!HoconUnits.TryParseDuration(s.Text, allowInfinite, out var d))
            {
                return null;
            }

            return d == Timeout.InfiniteTimeSpan || (d >= min && d <= max) ? d : null;
        });

    public static SettingKey Choice(string key, IReadOnlyList<string> choices, string description) => new(
        key,
        "one of " + string.Join(", ", choices.Select(c => $"`{c}`")),
        description,
        s => choices.Contains(s.Text, StringComparer.OrdinalIgnoreCase) ? s.Text.ToLowerInvariant() : null);

    /// <summary>A string; <c>null</c> and "" both read as "".</summary>
    public static SettingKey Text(string key, string description) => new(
        key,
        "a string (or null)",
        description,
        s => s.Type == HoconType.Null ? "" : s.Text);

    public static SettingKey Size(string key, long min, long max, string description) => new(
        key,
        string.Create(CultureInfo.InvariantCulture, $"a size from {min} to {max} bytes (units B, kB, MB, KiB, MiB …)"),
        description,
        s => HoconUnits.TryParseByteSize(s.Text, out var v) && v >= min && v <= max ? v : null);

    /// <summary>A number (fractions allowed) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static SettingKey Number(string key, double min, double max, string description) => new(
        key,
        string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}"),
        description,
        s => s.TryGetDouble(out var v) && v >= min && v <= max ? v : null);

    /// <summary>
    /// A signed time interval with nanosecond precision (a <see cref="TimeSpan"/> keeps only 100 ns),
    /// for corrections such as timestamp compensations. Units ns, us, ms, s; a bare number is ms.
    /// </summary>
    public static SettingKey Interval(string key, TimeInterval min, TimeInterval max, string description) => new(
        key,
        $"a duration from {ShowNs(min.Nanoseconds)} to {ShowNs(max.Nanoseconds)} (units ns, us, ms, s; may be negative)",
        description,
        s => IntervalParser.TryParse(s.Text, out var v) && v >= min && v <= max ? v : null);

    /// <summary>
    /// Like <see cref="Interval"/>, or the bare word <paramref name="word"/> (any case), which reads as
    /// that word in lower case; the interval reads as a <see cref="TimeInterval"/>.
    /// </summary>
    public static SettingKey IntervalOrWord(string key, string word, TimeInterval min, TimeInterval max, string description) => new(
        key,
        $"`{word}` or a duration from {ShowNs(min.Nanoseconds)} to {ShowNs(max.Nanoseconds)} (units ns, us, ms, s)",
        description,
        s => string.Equals(s.Text, word, StringComparison.OrdinalIgnoreCase) ? word.ToLowerInvariant()
            : IntervalParser.TryParse(s.Text, out var v) && v >= min && v <= max ? v : null);

    /// <summary>A list of strings, each checked by <paramref name="isValid"/> (the failing element is reported).</summary>
    public static SettingKey TextList(string key, string itemForm, Func<string, bool> isValid, string description) => new(
        key,
        $"a list of {itemForm}, e.g. [\"…\", \"…\"]",
        description,
        (HoconValue v) =>
        {
            if (v is not HoconArray a)
            {
                return null;
            }

            var items = new List<string>(a.Items.Count);
            foreach (var item in a.Items)
            {
                if (item is not HoconScalar s || s.Type == HoconType.Null || !isValid(s.Text))
                {
                    return new ReadFailure(item);
                }

                items.Add(s.Text);
            }

            return new ValueList<string>(items);
        });

    /// <summary>
    /// A list of objects (e.g. <c>sources = [ { server = "…" } ]</c>); the key only checks that it is a
    /// list, the section's binder reads each entry with <see cref="SettingsEntries"/>.
    /// </summary>
    public static SettingKey EntryList(string key, string example, string description) => new(
        key,
        $"a list of objects, e.g. {example}",
        description,
        (HoconValue v) => v is HoconArray a ? a : null);

    /// <summary>The converted value, null when the value does not have the expected form, or a <see cref="ReadFailure"/> naming the element at fault.</summary>
    internal object? Read(HoconValue value) => _read(value);

    private static string ShowNs(long ns) => ns switch
    {
        0 => "0",
        _ when ns % 1_000_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000_000}s"),
        _ when ns % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000}ms"),
        _ when ns % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000}us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns}ns"),
    };

    private static string Show(TimeSpan t) => t switch
    {
        _ when t == TimeSpan.Zero => "0",
        _ when t.Ticks % TimeSpan.TicksPerDay == 0 => $"{t.TotalDays:0}d",
        _ when t.Ticks % TimeSpan.TicksPerHour == 0 => $"{t.TotalHours:0}h",
        _ when t.Ticks % TimeSpan.TicksPerMinute == 0 => $"{t.TotalMinutes:0}m",
        _ when t.Ticks % TimeSpan.TicksPerSecond == 0 => $"{t.TotalSeconds:0}s",
        _ when t.Ticks % TimeSpan.TicksPerMillisecond == 0 => $"{t.TotalMilliseconds:0}ms",
        _ => $"{t.Ticks / 10.0:0.#}us",
    };
}
