using System.Diagnostics.Metrics;
using System.Reflection;
using TimeActors.Service.Status;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// The time service's observable instruments (meter <see cref="MeterName"/>): tracking, sources,
/// interfaces, server and build info, all read from the last <see cref="TelemetrySnapshot"/> the
/// <see cref="TelemetryActor"/> published and from the interfaces' live counters. Observable
/// instruments cost nothing between scrapes and show one consistent status per scrape; what is only
/// visible per event is in <see cref="SourceTelemetry"/>. One instance per service host.
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    public const string MeterName = "TimeActors.Service";
    public const string MeterVersion = "1.0";

    private readonly Meter _meter = new(MeterName, MeterVersion);
    private readonly IReadOnlyList<InterfaceProbe> _interfaces;
    private readonly IReadOnlyDictionary<(string Name, string? Address), string> _sourceInterfaces;
    private View _view;

    public ServiceMetrics(string clockMode, IReadOnlyList<InterfaceProbe>? interfaces = null, IReadOnlyDictionary<(string Name, string? Address), string>? sourceInterfaces = null)
    {
        _interfaces = interfaces ?? [];
        _sourceInterfaces = sourceInterfaces ?? new Dictionary<(string Name, string? Address), string>();
        _view = MakeView(new TelemetrySnapshot(new ServiceStatus(TrackingReport.Unsynchronized(clockMode), [], ServerReport.Empty), null));
        CreateTracking();
        CreateSources();
        CreateInterfaces();
        CreateServer();
        var version = typeof(ServiceMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        _meter.CreateObservableGauge("timeactors.build.info", () => new Measurement<long>(1, new KeyValuePair<string, object?>(TelemetryLabels.Version, version)), null, "Always 1; the version label names the running build");
    }

    /// <summary>This host's meter instance (an exporter may listen to it alone).</summary>
    public Meter Meter => _meter;

    /// <summary>The snapshot being shown.</summary>
    public TelemetrySnapshot Snapshot => Volatile.Read(ref _view).Snapshot;

    /// <summary>Shows <paramref name="snapshot"/> from the next observation on.</summary>
    public void Publish(TelemetrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _view, MakeView(snapshot));
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] With(KeyValuePair<string, object?>[] tags, string key, string value) =>
        [.. tags, new(key, value)];

    private View MakeView(TelemetrySnapshot snapshot) => new(
        snapshot,
        [.. snapshot.Status.Sources.Select(s => (s, (KeyValuePair<string, object?>[])
        [
            new(TelemetryLabels.Source, s.Name),
            new(TelemetryLabels.Address, TelemetryLabels.AddressValue(s.Address)),
            new(TelemetryLabels.Interface, _sourceInterfaces.TryGetValue((s.Name, s.Address), out var nic) ? nic : TelemetryLabels.AnyInterface),
        ]))]);

    private void TrackingGauge(string name, string? unit, string description, Func<TelemetrySnapshot, double?> value) =>
        _meter.CreateObservableGauge(name, () => value(Volatile.Read(ref _view).Snapshot) is { } v ? [new Measurement<double>(v)] : Array.Empty<Measurement<double>>(), unit, description);

    private void CreateTracking()
    {
        TrackingGauge("timeactors.tracking.synchronized", null, "1 when a source is selected and the clock is synchronised to it (the kernel's STA_UNSYNC clear in control mode), else 0", s => s.Status.Tracking.Synchronized ? 1 : 0);
        TrackingGauge("timeactors.tracking.clock_control", null, "1 when the service steers the system clock (clock mode control), 0 in observe mode", s => s.Status.Tracking.Mode == "control" ? 1 : 0);
        TrackingGauge("timeactors.tracking.offset", "s", "Offset of the system clock from the selected time at the last clock update (positive: clock ahead)", s => -s.Status.Tracking.OffsetSeconds);
        TrackingGauge("timeactors.tracking.rms_offset", "s", "Long-term RMS of the clock offset", s => s.Status.Tracking.RmsOffsetSeconds);
        TrackingGauge("timeactors.tracking.frequency", "[ppm]", "Frequency correction applied to the system clock (or that would be, in observe mode)", s => s.Status.Tracking.FrequencyPpm);
        TrackingGauge("timeactors.tracking.residual_frequency", "[ppm]", "Frequency error measured but not yet applied", s => s.Status.Tracking.ResidualFrequencyPpm);
        TrackingGauge("timeactors.tracking.skew", "[ppm]", "Error bound of the frequency", s => s.Status.Tracking.SkewPpm);
        TrackingGauge("timeactors.tracking.root_delay", "s", "Root delay served to clients", s => s.Status.Tracking.RootDelaySeconds);
        TrackingGauge("timeactors.tracking.root_dispersion", "s", "Root dispersion served to clients", s => s.Status.Tracking.RootDispersionSeconds);
        TrackingGauge("timeactors.tracking.stratum", null, "Stratum served to clients (16: unsynchronised)", s => s.Status.Tracking.Stratum);
        TrackingGauge("timeactors.tracking.leap", null, "Leap indicator: 0 none, 1 insert, 2 delete, 3 unsynchronised", s => (int)s.Status.Tracking.Leap);
        TrackingGauge("timeactors.tracking.update_interval", "s", "Time between the last two clock updates (absent before the second)", s => s.UpdateIntervalSeconds);
        TrackingGauge("timeactors.tracking.esterror", "s", "Estimated error written to the kernel (adjtimex esterror; what would be written, in observe mode)", s => s.Status.Tracking.EstErrorSeconds);
        TrackingGauge("timeactors.tracking.maxerror", "s", "Maximum error written to the kernel (adjtimex maxerror; what would be written, in observe mode)", s => s.Status.Tracking.MaxErrorSeconds);
    }

    private IEnumerable<(SourceReport Report, KeyValuePair<string, object?>[] Tags)> Sources() => Volatile.Read(ref _view).Sources;

    private void SourceGauge(string name, string? unit, string description, Func<SourceReport, double?> value) =>
        _meter.CreateObservableGauge(name, () => Sources().Where(s => value(s.Report) is not null).Select(s => new Measurement<double>(value(s.Report)!.Value, s.Tags)), unit, description);

    private void SourceCounter(string name, string? unit, string description, Func<SourceReport, long> value) =>
        _meter.CreateObservableCounter(name, () => Sources().Select(s => new Measurement<long>(value(s.Report), s.Tags)), unit, description);

    private void SourceStampCounter(string name, string description, Func<SourceReport, TimestampCounts> value) =>
        _meter.CreateObservableCounter(name, () => Sources().SelectMany(s => StampMeasurements(value(s.Report), s.Tags)), "{stamp}", description);

    private static IEnumerable<Measurement<long>> StampMeasurements(TimestampCounts counts, KeyValuePair<string, object?>[] tags) =>
    [
        new(counts.Hardware, With(tags, TelemetryLabels.Kind, "hardware")),
        new(counts.Kernel, With(tags, TelemetryLabels.Kind, "kernel")),
        new(counts.Daemon, With(tags, TelemetryLabels.Kind, "daemon")),
    ];

    private void CreateSources()
    {
        SourceGauge("timeactors.source.reachable", null, "1 when the source answered at least one of the last 8 polls and is still polled (not refused by a kiss-o'-death)", s => s.Reach != 0 && s.State != Timing.Selection.SourceSelectionState.Unreachable ? 1 : 0);
        SourceGauge("timeactors.source.reach", null, "The 8-bit reachability register (255: the last 8 polls answered)", s => s.Reach);
        SourceGauge("timeactors.source.selected", null, "1 for the source the clock is synchronised to", s => s.State == Timing.Selection.SourceSelectionState.Selected ? 1 : 0);
        _meter.CreateObservableGauge(
            "timeactors.source.state",
            () => Sources().Select(s => new Measurement<long>(1, With(s.Tags, TelemetryLabels.State, TelemetryLabels.EnumValue(s.Report.State)))),
            null,
            "1 with the source's current selection state as the state label (selected, combined, not_combined, falseticker, unreachable, ...)");
        SourceGauge("timeactors.source.poll", "s", "Current poll interval", s => Math.Pow(2, s.PollLog2));
        SourceGauge("timeactors.source.offset", "s", "Offset of the local clock from the source in the last accepted sample (positive: local clock ahead)", s => -s.LastOffsetSeconds);
        SourceGauge("timeactors.source.delay", "s", "Round-trip delay of the last accepted sample", s => s.LastDelaySeconds);
        SourceGauge("timeactors.source.statistics_samples", "{sample}", "Samples held in the source's statistics (regression window)", s => s.Samples);
        SourceGauge("timeactors.source.last_sample_interleaved", null, "1 when the last accepted sample came from an interleaved exchange", s => s.Interleaved ? 1 : 0);
        SourceCounter("timeactors.source.samples", "{sample}", "Samples accepted by the source's filter", s => s.TxStamps.Hardware + s.TxStamps.Kernel + s.TxStamps.Daemon);
        SourceStampCounter("timeactors.source.rx_stamps", "Receive stamps of accepted samples, by kind (hardware, kernel, daemon)", s => s.RxStamps);
        SourceStampCounter("timeactors.source.tx_stamps", "Transmit stamps of accepted samples, by kind (hardware, kernel, daemon)", s => s.TxStamps);
        _meter.CreateObservableCounter(
            "timeactors.source.saved_responses",
            () => Sources().SelectMany(s => SavedMeasurements(s.Report.SavedResponses, s.Tags)),
            "{response}",
            "Responses saved to wait for their request's hardware TX stamp (outcome saved), and how they were released (released_by_stamp, released_by_timeout, released_before_send, discarded)");
    }

    private static IEnumerable<Measurement<long>> SavedMeasurements(SavedResponseCounts c, KeyValuePair<string, object?>[] tags) =>
    [
        new(c.Saved, With(tags, TelemetryLabels.Outcome, "saved")),
        new(c.ReleasedByStamp, With(tags, TelemetryLabels.Outcome, "released_by_stamp")),
        new(c.ReleasedByTimeout, With(tags, TelemetryLabels.Outcome, "released_by_timeout")),
        new(c.ReleasedBeforeSend, With(tags, TelemetryLabels.Outcome, "released_before_send")),
        new(c.Discarded, With(tags, TelemetryLabels.Outcome, "discarded")),
    ];

    private void InterfaceGauge(string name, string? unit, string description, Func<InterfaceProbe, double?> value) =>
        _meter.CreateObservableGauge(name, () => _interfaces.Where(i => value(i) is not null).Select(i => new Measurement<double>(value(i)!.Value, new KeyValuePair<string, object?>(TelemetryLabels.Interface, i.Name))), unit, description);

    private void InterfaceCounter(string name, string? unit, string description, Func<InterfaceProbe, long> value) =>
        _meter.CreateObservableCounter(name, () => _interfaces.Select(i => new Measurement<long>(value(i), new KeyValuePair<string, object?>(TelemetryLabels.Interface, i.Name))), unit, description);

    private void CreateInterfaces()
    {
        InterfaceGauge("timeactors.interface.hw_timestamping", null, "1 when hardware timestamping is on for the interface (its sockets ask for hardware stamps)", i => i.Sockets.HardwareTimestamping ? 1 : 0);
        InterfaceGauge("timeactors.interface.phc_model_valid", null, "1 while the PHC model converts hardware stamps (else kernel stamps are used)", i => i.Model is null ? null : i.Model.IsValid ? 1 : 0);
        InterfaceGauge("timeactors.interface.phc_offset", "s", "System time minus PHC time at the PHC model's newest sample", i => i.Model?.CurrentFit?.Offset.TotalSeconds);
        InterfaceGauge("timeactors.interface.phc_frequency", "[ppm]", "How much faster the system clock runs than the PHC, from the PHC model's fit", i => i.Model?.CurrentFit?.FrequencyPpm);
        InterfaceGauge("timeactors.interface.phc_error", "s", "Error bound of the PHC model's conversion", i => i.Model?.CurrentFit?.Error.TotalSeconds);
        InterfaceCounter("timeactors.interface.phc_model_resets", "{reset}", "Times the PHC model was dropped and restarted (PHC jump, inconsistent samples)", i => i.Model?.Resets ?? 0);
        InterfaceCounter("timeactors.interface.datagrams", "{datagram}", "Datagrams received and routed to their owner", i => i.Sockets.Counters.Datagrams);
        InterfaceCounter("timeactors.interface.error_queue_events", "{event}", "Transmit timestamps read from the sockets' error queues", i => i.Sockets.Counters.TxStamps);
        InterfaceCounter("timeactors.interface.icmp_errors", "{error}", "Socket errors reported (ICMP unreachable and the like, read from the error queue or SO_ERROR)", i => i.Sockets.Counters.Errors);
        InterfaceCounter("timeactors.interface.truncated_control", "{message}", "Messages whose control data was cut (MSG_CTRUNC): stamps or addresses may be missing", i => i.ControlTruncated);
        InterfaceCounter("timeactors.interface.unrouted_events", "{event}", "Events for a socket that had just been closed (no owner)", i => i.Sockets.Counters.Unrouted);
    }

    private void ServerCounter(string name, string description, Func<ServerReport, long> value) =>
        _meter.CreateObservableCounter(name, () => new Measurement<long>(value(Volatile.Read(ref _view).Snapshot.Status.Server)), "{packet}", description);

    private void CreateServer()
    {
        ServerCounter("timeactors.server.requests", "NTP requests received by the server actors", r => r.Received);
        ServerCounter("timeactors.server.responses", "Responses sent", r => r.Answered);
        ServerCounter("timeactors.server.interleaved", "Responses sent in interleaved mode", r => r.Interleaved);
        ServerCounter("timeactors.server.rate_limited", "Requests dropped by rate limiting", r => r.RateLimited);
        ServerCounter("timeactors.server.denied", "Requests refused by the access rules", r => r.Denied);
        ServerCounter("timeactors.server.malformed", "Requests dropped as malformed", r => r.DroppedMalformed);
        _meter.CreateObservableCounter("timeactors.server.rx_stamps", () => StampMeasurements(Volatile.Read(ref _view).Snapshot.Status.Server.RxStamps, []), "{stamp}", "Receive stamps of server requests, by kind (hardware, kernel, daemon)");
        _meter.CreateObservableCounter("timeactors.server.tx_stamps", () => StampMeasurements(Volatile.Read(ref _view).Snapshot.Status.Server.TxStamps, []), "{stamp}", "Transmit stamps of server responses, by kind (hardware, kernel, daemon)");
    }

    private sealed record View(TelemetrySnapshot Snapshot, IReadOnlyList<(SourceReport Report, KeyValuePair<string, object?>[] Tags)> Sources);
}
