using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// What a source actor sees only as it happens and its status report does not carry: how late a
/// hardware TX stamp arrives, interleaved samples, kiss-o'-death codes and the last sample's error
/// bound. Instruments of the meter <see cref="ServiceMetrics.MeterName"/>; the source actor calls one
/// method per event, so its own code stays free of telemetry.
/// </summary>
public static class SourceTelemetry
{
    /// <summary>Bucket bounds of the TX stamp lateness, seconds: 5 µs to 1 s (hwts-timeout is at most 1 s).</summary>
    public static readonly IReadOnlyList<double> LatenessBuckets =
        [5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1];

    private static readonly Meter Meter = new(ServiceMetrics.MeterName, ServiceMetrics.MeterVersion);

    private static readonly Histogram<double> Lateness = Meter.CreateHistogram(
        "timeactors.source.hw_tx_stamp_lateness",
        "s",
        "Time from a request's hardware transmit stamp (when the NIC sent it) to the stamp reaching the source actor",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });

    private static readonly Counter<long> Interleaved = Meter.CreateCounter<long>(
        "timeactors.source.interleaved_samples", "{sample}", "Samples accepted from interleaved exchanges");

    private static readonly Counter<long> KissOfDeath = Meter.CreateCounter<long>(
        "timeactors.source.kod", "{response}", "Kiss-o'-death responses received, by code (RATE, or DENY/RSTR)");

    private static readonly Gauge<double> Uncertainty = Meter.CreateGauge<double>(
        "timeactors.source.uncertainty", "s", "Error bound of the last accepted sample's offset: delay / 2 + dispersion");

    private static readonly ConditionalWeakTable<SourceOptions, KeyValuePair<string, object?>[]> TagsBySource = [];

    /// <summary>The meter of these instruments (static: one per process).</summary>
    public static Meter EventMeter => Meter;

    /// <summary>A TX stamp for the source's latest request arrived; hardware stamps are timed.</summary>
    public static void OnTxStamp(SourceOptions source, InterfaceSockets network, PacketTimestamp stamp)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (stamp.Source == TimestampSource.Hardware && Lateness.Enabled)
        {
            Lateness.Record(Math.Max(0, (network.ReadClock() - stamp.Time).TotalSeconds), Tags(source, network));
        }
    }

    public static void OnSampleAccepted(SourceOptions source, InterfaceSockets network, in SourceSample sample)
    {
        var tags = Tags(source, network);
        if (sample.Interleaved)
        {
            Interleaved.Add(1, tags);
        }

        Uncertainty.Record((sample.Delay.TotalSeconds / 2) + sample.Dispersion.TotalSeconds, tags);
    }

    public static void OnResponseRejected(SourceOptions source, InterfaceSockets network, ResponseOutcome outcome)
    {
        if (outcome is ResponseOutcome.KissRate or ResponseOutcome.KissDenied)
        {
            var tags = Tags(source, network);
            KissOfDeath.Add(1, [.. tags, new(TelemetryLabels.Code, outcome == ResponseOutcome.KissRate ? "RATE" : "DENY")]);
        }
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(SourceOptions source, InterfaceSockets network)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!TagsBySource.TryGetValue(source, out var tags))
        {
            tags =
            [
                new(TelemetryLabels.Source, source.Name),
                new(TelemetryLabels.Address, TelemetryLabels.AddressValue(source.Address.ToString())),
                new(TelemetryLabels.Interface, TelemetryLabels.InterfaceValue(network.Name)),
            ];
            TagsBySource.AddOrUpdate(source, tags);
        }

        return tags;
    }
}
