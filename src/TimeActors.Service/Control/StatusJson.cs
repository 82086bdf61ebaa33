using System.Text.Json;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Control;

/// <summary>
/// The JSON form of <see cref="ServiceStatus"/> that `timeactors status --json` prints and scripts and
/// tests depend on. Written by hand with <see cref="Utf8JsonWriter"/> so each name is spelled here
/// once, in the snake_case, and nothing else leaks in.
/// </summary>
public static class StatusJson
{
    private static readonly (SourceSelectionState State, string Name)[] StateNames =
    [
        (SourceSelectionState.Selected, "selected"),
        (SourceSelectionState.Combined, "combined"),
        (SourceSelectionState.NotCombined, "candidate"),
        (SourceSelectionState.Falseticker, "falseticker"),
        (SourceSelectionState.Unreachable, "unreachable"),
        (SourceSelectionState.NoSelect, "noselect"),
        (SourceSelectionState.Unusable, "unusable"),
        (SourceSelectionState.Unsynchronized, "unsynchronized"),
        (SourceSelectionState.TooDistant, "too_distant"),
        (SourceSelectionState.TooVariable, "too_variable"),
        (SourceSelectionState.WaitingForSources, "waiting"),
    ];

    private static readonly (LeapIndicator Leap, string Name)[] LeapNames =
    [
        (LeapIndicator.NoWarning, "normal"),
        (LeapIndicator.InsertSecond, "insert"),
        (LeapIndicator.DeleteSecond, "delete"),
        (LeapIndicator.Unsynchronized, "unsynchronized"),
    ];

    public static string StateName(SourceSelectionState state) => StateNames.First(s => s.State == state).Name;

    public static string LeapName(LeapIndicator leap) => LeapNames.First(l => l.Leap == leap).Name;

    /// <param name="detail">Add <c>tracking.reference_id</c> and <c>server.rx_stamps</c>/<c>tx_stamps</c> (for the tables).</param>
    public static byte[] Serialize(ServiceStatus status, bool detail = false)
    {
        ArgumentNullException.ThrowIfNull(status);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, status, detail);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter w, ServiceStatus status, bool detail = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(status);
        w.WriteStartObject();
        w.WritePropertyName("tracking");
        WriteTracking(w, status.Tracking, detail);
        w.WriteStartArray("sources");
        foreach (var source in status.Sources)
        {
            WriteSource(w, source);
        }

        w.WriteEndArray();
        w.WritePropertyName("server");
        WriteServer(w, status.Server, detail);
        w.WriteEndObject();
    }

    public static void WriteTracking(Utf8JsonWriter w, TrackingReport t, bool detail = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        w.WriteStartObject();
        w.WriteBoolean("synchronized", t.Synchronized);
        w.WriteString("reference", t.Reference);
        w.WriteNumber("stratum", t.Stratum);
        WriteNullable(w, "offset_s", t.OffsetSeconds);
        WriteNullable(w, "frequency_ppm", t.FrequencyPpm);
        WriteNullable(w, "rms_offset_s", t.RmsOffsetSeconds);
        WriteNullable(w, "root_delay_s", t.RootDelaySeconds);
        WriteNullable(w, "root_dispersion_s", t.RootDispersionSeconds);
        w.WriteString("leap", LeapName(t.Leap));
        w.WriteString("mode", t.Mode);
        if (detail)
        {
            w.WriteNumber("reference_id", t.ReferenceId);
        }

        w.WriteEndObject();
    }

    public static void WriteSource(Utf8JsonWriter w, SourceReport s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("address", s.Address);
        w.WriteString("state", StateName(s.State));
        w.WriteNumber("reach", s.Reach);
        w.WriteNumber("poll_log2", s.PollLog2);
        WriteNullable(w, "last_offset_s", s.LastOffsetSeconds);
        WriteNullable(w, "last_delay_s", s.LastDelaySeconds);
        w.WriteNumber("samples", s.Samples);
        w.WriteBoolean("interleaved", s.Interleaved);
        WriteStamps(w, "tx_stamps", s.TxStamps);
        WriteStamps(w, "rx_stamps", s.RxStamps);
        WriteSavedResponses(w, s.SavedResponses);
        if (s.HwTsTimeout is { } hwts)
        {
            // Added after the first contract: readers must treat it as optional.
            w.WriteStartObject("hwts_timeout");
            w.WriteBoolean("auto", hwts.Auto);
            w.WriteNumber("timeout_s", hwts.TimeoutSeconds);
            w.WriteNumber("stamps_measured", hwts.StampsMeasured);
            w.WriteNumber("stamps_missing", hwts.StampsMissing);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static void WriteServer(Utf8JsonWriter w, ServerReport s, bool detail = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteNumber("received", s.Received);
        w.WriteNumber("answered", s.Answered);
        w.WriteNumber("interleaved", s.Interleaved);
        w.WriteNumber("rate_limited", s.RateLimited);
        w.WriteNumber("denied", s.Denied);
        w.WriteNumber("dropped_malformed", s.DroppedMalformed);
        if (detail)
        {
            WriteStamps(w, "rx_stamps", s.RxStamps);
            WriteStamps(w, "tx_stamps", s.TxStamps);
        }

        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote (detail fields optional). Throws <see cref="JsonException"/> when a field is missing or of the wrong kind.</summary>
    public static ServiceStatus Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    public static ServiceStatus Read(JsonElement root)
    {
        try
        {
            var t = root.GetProperty("tracking");
            var tracking = new TrackingReport(
                t.GetProperty("synchronized").GetBoolean(),
                t.GetProperty("reference").ValueKind == JsonValueKind.Null ? null : t.GetProperty("reference").GetString(),
                t.TryGetProperty("reference_id", out var id) ? id.GetUInt32() : 0,
                t.GetProperty("stratum").GetInt32(),
                ReadNullable(t.GetProperty("offset_s")) ?? double.NaN,
                ReadNullable(t.GetProperty("frequency_ppm")) ?? double.NaN,
                ReadNullable(t.GetProperty("rms_offset_s")) ?? double.NaN,
                ReadNullable(t.GetProperty("root_delay_s")) ?? double.NaN,
                ReadNullable(t.GetProperty("root_dispersion_s")) ?? double.NaN,
                ParseName(LeapNames, t.GetProperty("leap").GetString()),
                t.GetProperty("mode").GetString() ?? "");
            var sources = root.GetProperty("sources").EnumerateArray().Select(ReadSource).ToList();
            var s = root.GetProperty("server");
            var server = new ServerReport(
                s.GetProperty("received").GetInt64(),
                s.GetProperty("answered").GetInt64(),
                s.GetProperty("interleaved").GetInt64(),
                s.GetProperty("rate_limited").GetInt64(),
                s.GetProperty("denied").GetInt64(),
                s.GetProperty("dropped_malformed").GetInt64(),
                s.TryGetProperty("rx_stamps", out var rx) ? ReadStamps(rx) : default,
                s.TryGetProperty("tx_stamps", out var tx) ? ReadStamps(tx) : default);
            return new ServiceStatus(tracking, sources, server);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"not a TimeActors status object: {e.Message}", e);
        }
    }

    private static SourceReport ReadSource(JsonElement s)
    {
        var saved = s.GetProperty("saved_responses");
        return new SourceReport(
            s.GetProperty("name").GetString() ?? "",
            s.GetProperty("address").ValueKind == JsonValueKind.Null ? null : s.GetProperty("address").GetString(),
            ParseName(StateNames, s.GetProperty("state").GetString()),
            s.GetProperty("reach").GetByte(),
            s.GetProperty("poll_log2").GetInt32(),
            ReadNullable(s.GetProperty("last_offset_s")),
            ReadNullable(s.GetProperty("last_delay_s")),
            s.GetProperty("samples").GetInt32(),
            s.GetProperty("interleaved").GetBoolean(),
            ReadStamps(s.GetProperty("tx_stamps")),
            ReadStamps(s.GetProperty("rx_stamps")),
            new SavedResponseCounts(
                saved.GetProperty("saved").GetInt64(),
                saved.GetProperty("released_by_stamp").GetInt64(),
                saved.GetProperty("released_by_timeout").GetInt64(),
                saved.GetProperty("released_before_send").GetInt64(),
                saved.GetProperty("discarded").GetInt64()))
        {
            HwTsTimeout = s.TryGetProperty("hwts_timeout", out var hwts)
                ? new HwTsTimeoutReport(
                    hwts.GetProperty("auto").GetBoolean(),
                    hwts.GetProperty("timeout_s").GetDouble(),
                    hwts.GetProperty("stamps_measured").GetInt64(),
                    hwts.GetProperty("stamps_missing").GetInt64())
                : null,
        };
    }

    private static T ParseName<T>((T Value, string Name)[] names, string? name)
    {
        foreach (var (value, n) in names)
        {
            if (n == name)
            {
                return value;
            }
        }

        throw new FormatException($"unknown value `{name}`");
    }

    private static TimestampCounts ReadStamps(JsonElement e) =>
        new(e.GetProperty("hardware").GetInt64(), e.GetProperty("kernel").GetInt64(), e.GetProperty("daemon").GetInt64());

    private static double? ReadNullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        // JSON has no NaN or infinity: a value that is not a number is shown as unknown.
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>The contract's <c>saved_responses</c> object; `simulate --json` writes the same.</summary>
    internal static void WriteSavedResponses(Utf8JsonWriter w, SavedResponseCounts c)
    {
        w.WriteStartObject("saved_responses");
        w.WriteNumber("saved", c.Saved);
        w.WriteNumber("released_by_stamp", c.ReleasedByStamp);
        w.WriteNumber("released_by_timeout", c.ReleasedByTimeout);
        w.WriteNumber("released_before_send", c.ReleasedBeforeSend);
        w.WriteNumber("discarded", c.Discarded);
        w.WriteEndObject();
    }

    /// <summary>A contract stamp-count object (<c>{hardware, kernel, daemon}</c>) named <paramref name="name"/>.</summary>
    internal static void WriteStamps(Utf8JsonWriter w, string name, TimestampCounts c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("hardware", c.Hardware);
        w.WriteNumber("kernel", c.Kernel);
        w.WriteNumber("daemon", c.Daemon);
        w.WriteEndObject();
    }
}
