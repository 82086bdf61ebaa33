using TimeActors.Service.Network;
using TimeActors.Service.Status;
using TimeActors.Service.Telemetry;
using TimeActors.Service.Tests.Network;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>How a status snapshot and live interfaces become series: values, signs, units and labels.</summary>
public sealed class ServiceMetricsTests
{
    private static MetricSeries One(IReadOnlyList<MetricFamily> families, string name, params (string Key, string Value)[] labels) =>
        Assert.Single(
            Assert.Single(families, f => f.Name == name).Series,
            s => labels.All(l => s.Labels.Contains(new KeyValuePair<string, string>(l.Key, l.Value))));

    [Fact]
    public void A_snapshot_shows_as_tracking_source_and_server_series_with_our_sign_conventions()
    {
        using var metrics = new ServiceMetrics("control", [], new Dictionary<(string Name, string? Address), string> { [("ntp1", "10.200.0.1:123")] = "eth7" });
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, metrics.Meter));
        var tracking = new TrackingReport(true, "ntp1", 0x0AC80001, 3, 0.0025, -12.5, 0.001, 0.004, 0.002, LeapIndicator.InsertSecond, "control")
        {
            ResidualFrequencyPpm = 0.01,
            SkewPpm = 0.2,
            EstErrorSeconds = 0.003,
            MaxErrorSeconds = 0.5,
        };
        var source = new SourceReport("ntp1", "10.200.0.1:123", SourceSelectionState.Falseticker, 0b1111_0111, 6, 0.0015, 0.0004, 8, true,
            new TimestampCounts(5, 2, 1), new TimestampCounts(0, 8, 0), new SavedResponseCounts(4, 3, 1, 0, 0));
        var other = source with { Name = "lab", Address = "10.200.0.2:1123", State = SourceSelectionState.Selected };
        var server = new ServerReport(10, 9, 2, 1, 0, 0, new TimestampCounts(0, 10, 0), new TimestampCounts(0, 0, 9));
        metrics.Publish(new TelemetrySnapshot(new ServiceStatus(tracking, [source, other], server), 64));

        var f = collector.Collect();
        Assert.Equal(1, One(f, "timeactors_tracking_synchronized").Value);
        Assert.Equal(1, One(f, "timeactors_tracking_clock_control").Value);
        Assert.Equal(-0.0025, One(f, "timeactors_tracking_offset_seconds").Value); // status: local behind by 2.5 ms → clock 2.5 ms behind = −
        Assert.Equal(-12.5, One(f, "timeactors_tracking_frequency_ppm").Value);
        Assert.Equal(0.01, One(f, "timeactors_tracking_residual_frequency_ppm").Value);
        Assert.Equal(0.2, One(f, "timeactors_tracking_skew_ppm").Value);
        Assert.Equal(1, One(f, "timeactors_tracking_leap").Value);
        Assert.Equal(3, One(f, "timeactors_tracking_stratum").Value);
        Assert.Equal(64, One(f, "timeactors_tracking_update_interval_seconds").Value);
        Assert.Equal(0.003, One(f, "timeactors_tracking_esterror_seconds").Value);
        Assert.Equal(0.5, One(f, "timeactors_tracking_maxerror_seconds").Value);

        var ntp1 = new[] { ("source", "ntp1"), ("address", "10.200.0.1"), ("interface", "eth7") };
        Assert.Equal(247, One(f, "timeactors_source_reach", ntp1).Value);
        Assert.Equal(1, One(f, "timeactors_source_reachable", ntp1).Value);
        Assert.Equal(64, One(f, "timeactors_source_poll_seconds", ntp1).Value);
        Assert.Equal(-0.0015, One(f, "timeactors_source_offset_seconds", ntp1).Value);
        Assert.Equal(0, One(f, "timeactors_source_selected", ntp1).Value);
        Assert.Equal(1, One(f, "timeactors_source_state", [.. ntp1, ("state", "falseticker")]).Value);
        Assert.Equal(8, One(f, "timeactors_source_samples_total", ntp1).Value);
        Assert.Equal(5, One(f, "timeactors_source_tx_stamps_total", [.. ntp1, ("kind", "hardware")]).Value);
        Assert.Equal(1, One(f, "timeactors_source_saved_responses_total", [.. ntp1, ("outcome", "released_by_timeout")]).Value);
        Assert.Equal(3, One(f, "timeactors_source_saved_responses_total", [.. ntp1, ("outcome", "released_by_stamp")]).Value);

        // Not on port 123: the port stays in the address; no interface known: "any".
        var lab = new[] { ("source", "lab"), ("address", "10.200.0.2:1123"), ("interface", "any") };
        Assert.Equal(1, One(f, "timeactors_source_selected", lab).Value);
        Assert.Equal(1, One(f, "timeactors_source_state", [.. lab, ("state", "selected")]).Value);

        Assert.Equal(10, One(f, "timeactors_server_requests_total").Value);
        Assert.Equal(9, One(f, "timeactors_server_tx_stamps_total", ("kind", "daemon")).Value);
        Assert.Single(f, x => x.Name == "timeactors_build_info");
    }

    [Fact]
    public void Before_a_second_clock_update_there_is_no_update_interval_series()
    {
        using var metrics = new ServiceMetrics("observe");
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, metrics.Meter));
        var f = collector.Collect();
        Assert.Empty(Assert.Single(f, x => x.Name == "timeactors_tracking_update_interval_seconds").Series);
        Assert.Equal(16, One(f, "timeactors_tracking_stratum").Value);
        Assert.Equal(0, One(f, "timeactors_tracking_synchronized").Value);
    }

    [Fact]
    public void Interfaces_show_their_PHC_model_and_counters_live()
    {
        // A PHC kept on TAI: 37 s ahead of the system clock, and the system clock 1 ppm faster.
        var model = new PhcModel();
        const long Phc0 = 1_800_000_000_000_000_000;
        for (int i = 0; i < 6; i++)
        {
            long phc = Phc0 + (i * 64_000_000_000L);
            model.AddSample(phc, phc - 37_000_000_000L + (i * 64_000L), 500);
        }

        var port = new ScriptedNetworkPort(null!, hardwareTimestamping: true, name: "eth7");
        using var metrics = new ServiceMetrics("observe", [new InterfaceProbe(new InterfaceSockets(port), model), new InterfaceProbe(new InterfaceSockets(new ScriptedNetworkPort(null!, name: "*")), null)]);
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, metrics.Meter));

        var f = collector.Collect();
        var eth7 = ("interface", "eth7");
        Assert.Equal(1, One(f, "timeactors_interface_hw_timestamping", eth7).Value);
        Assert.Equal(0, One(f, "timeactors_interface_hw_timestamping", ("interface", "any")).Value);
        Assert.Equal(1, One(f, "timeactors_interface_phc_model_valid", eth7).Value);
        Assert.Equal(-37 + (5 * 64e-6), One(f, "timeactors_interface_phc_offset_seconds", eth7).Value, 9); // at the newest sample
        Assert.Equal(1, One(f, "timeactors_interface_phc_frequency_ppm", eth7).Value, 3);
        Assert.Equal(5e-7, One(f, "timeactors_interface_phc_error_seconds", eth7).Value, 9);
        Assert.Single(Assert.Single(f, x => x.Name == "timeactors_interface_phc_offset_seconds").Series); // no PHC, no series
        Assert.Equal(0, One(f, "timeactors_interface_truncated_control_total", eth7).Value);
    }
}
