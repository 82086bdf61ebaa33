using System.Text.Json;
using TimeActors.Service.Control;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;

namespace TimeActors.Service.Tests.Control;

/// <summary>The `status --json` contract of issue 6, field by field.</summary>
public sealed class StatusJsonTests
{
    private static JsonElement Json(ServiceStatus status, bool detail = false) => JsonDocument.Parse(StatusJson.Serialize(status, detail)).RootElement;

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Status_has_exactly_the_contract_fields_in_order()
    {
        var root = Json(SampleStatus.Create());
        Assert.Equal(["tracking", "sources", "server"], Names(root));
        Assert.Equal(
            ["synchronized", "reference", "stratum", "offset_s", "frequency_ppm", "rms_offset_s", "root_delay_s", "root_dispersion_s", "leap", "mode"],
            Names(root.GetProperty("tracking")));
        var source = root.GetProperty("sources")[0];
        Assert.Equal(
            ["name", "address", "state", "reach", "poll_log2", "last_offset_s", "last_delay_s", "samples", "interleaved", "tx_stamps", "rx_stamps", "saved_responses"],
            Names(source));
        Assert.Equal(["hardware", "kernel", "daemon"], Names(source.GetProperty("tx_stamps")));
        Assert.Equal(["hardware", "kernel", "daemon"], Names(source.GetProperty("rx_stamps")));
        Assert.Equal(["saved", "released_by_stamp", "released_by_timeout", "released_before_send", "discarded"], Names(source.GetProperty("saved_responses")));
        Assert.Equal(["received", "answered", "interleaved", "rate_limited", "denied", "dropped_malformed"], Names(root.GetProperty("server")));
    }

    [Fact]
    public void Values_are_written_where_they_belong()
    {
        var root = Json(SampleStatus.Create());
        var t = root.GetProperty("tracking");
        Assert.True(t.GetProperty("synchronized").GetBoolean());
        Assert.Equal("ntp1.example", t.GetProperty("reference").GetString());
        Assert.Equal(3, t.GetProperty("stratum").GetInt32());
        Assert.Equal(1.25e-5, t.GetProperty("offset_s").GetDouble());
        Assert.Equal(-12.5, t.GetProperty("frequency_ppm").GetDouble());
        Assert.Equal(2.5e-6, t.GetProperty("rms_offset_s").GetDouble());
        Assert.Equal(0.000375, t.GetProperty("root_delay_s").GetDouble());
        Assert.Equal(0.0125, t.GetProperty("root_dispersion_s").GetDouble());
        Assert.Equal("insert", t.GetProperty("leap").GetString());
        Assert.Equal("observe", t.GetProperty("mode").GetString());

        var s = root.GetProperty("sources")[0];
        Assert.Equal(("ntp1.example", "10.200.0.1:123", "selected"), (s.GetProperty("name").GetString(), s.GetProperty("address").GetString(), s.GetProperty("state").GetString()));
        Assert.Equal((255, 6, 8, true), (s.GetProperty("reach").GetInt32(), s.GetProperty("poll_log2").GetInt32(), s.GetProperty("samples").GetInt32(), s.GetProperty("interleaved").GetBoolean()));
        Assert.Equal((1.25e-5, 0.00025), (s.GetProperty("last_offset_s").GetDouble(), s.GetProperty("last_delay_s").GetDouble()));
        Assert.Equal((11, 12, 13), (s.GetProperty("tx_stamps").GetProperty("hardware").GetInt32(), s.GetProperty("tx_stamps").GetProperty("kernel").GetInt32(), s.GetProperty("tx_stamps").GetProperty("daemon").GetInt32()));
        Assert.Equal((21, 22, 23), (s.GetProperty("rx_stamps").GetProperty("hardware").GetInt32(), s.GetProperty("rx_stamps").GetProperty("kernel").GetInt32(), s.GetProperty("rx_stamps").GetProperty("daemon").GetInt32()));
        var saved = s.GetProperty("saved_responses");
        Assert.Equal([31L, 32, 33, 34, 35], saved.EnumerateObject().Select(p => p.Value.GetInt64()));

        var unreachable = root.GetProperty("sources")[1];
        Assert.Equal(JsonValueKind.Null, unreachable.GetProperty("address").ValueKind);
        Assert.Equal(JsonValueKind.Null, unreachable.GetProperty("last_offset_s").ValueKind);
        Assert.Equal("unreachable", unreachable.GetProperty("state").GetString());

        Assert.Equal([101L, 102, 103, 104, 105, 106], root.GetProperty("server").EnumerateObject().Select(p => p.Value.GetInt64()));
    }

    [Fact]
    public void Detail_adds_reference_id_and_server_stamps_and_round_trips()
    {
        var status = SampleStatus.Create();
        var root = Json(status, detail: true);
        Assert.Equal(0x0AC80001u, root.GetProperty("tracking").GetProperty("reference_id").GetUInt32());
        Assert.Equal(202, root.GetProperty("server").GetProperty("rx_stamps").GetProperty("kernel").GetInt32());

        var back = StatusJson.Parse(StatusJson.Serialize(status, detail: true));
        Assert.Equal(status.Tracking, back.Tracking);
        Assert.Equal(status.Sources, back.Sources);
        Assert.Equal(status.Server, back.Server);
    }

    [Fact]
    public void Every_selection_state_has_a_distinct_name_that_reads_back()
    {
        var names = Enum.GetValues<SourceSelectionState>().Select(StatusJson.StateName).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("candidate", names);
        Assert.Contains("falseticker", names);
        foreach (var state in Enum.GetValues<SourceSelectionState>())
        {
            var status = SampleStatus.Create() with { Sources = [SampleStatus.Create().Sources[0] with { State = state }] };
            Assert.Equal(state, StatusJson.Parse(StatusJson.Serialize(status)).Sources[0].State);
        }
    }

    [Fact]
    public void An_unsynchronised_service_with_nothing_configured_is_valid_json()
    {
        var root = Json(new ServiceStatus(TrackingReport.Unsynchronized("observe"), [], ServerReport.Empty));
        Assert.False(root.GetProperty("tracking").GetProperty("synchronized").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tracking").GetProperty("reference").ValueKind);
        Assert.Equal(16, root.GetProperty("tracking").GetProperty("stratum").GetInt32());
        Assert.Equal("unsynchronized", root.GetProperty("tracking").GetProperty("leap").GetString());
        Assert.Equal(0, root.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_written_as_null_not_an_exception()
    {
        var status = SampleStatus.Create() with { Tracking = SampleStatus.Create().Tracking with { OffsetSeconds = double.NaN } };
        Assert.Equal(JsonValueKind.Null, Json(status).GetProperty("tracking").GetProperty("offset_s").ValueKind);
    }

    [Fact]
    public void Reading_something_else_is_a_json_exception()
    {
        Assert.Throws<JsonException>(() => StatusJson.Parse("{\"tracking\":{}}"u8));
    }
}
