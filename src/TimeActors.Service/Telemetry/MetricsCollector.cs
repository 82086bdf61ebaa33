using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TimeActors.Service.Telemetry;

/// <summary>
/// The pull side of the Prometheus endpoint: a <see cref="MeterListener"/> over the instruments
/// <c>include</c> accepts, aggregating counters (sums), synchronous gauges (last value) and histograms
/// (bucket counts) as measurements happen, and reading observable instruments at each
/// <see cref="Collect"/>. It listens to the same instruments the OpenTelemetry SDK exports over OTLP,
/// so both outputs show the same numbers. Histogram buckets come from the instrument's advice
/// (or <see cref="DefaultSecondsBuckets"/>).
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>Buckets for a histogram in seconds without advice: 1 µs to 10 s.</summary>
    public static readonly IReadOnlyList<double> DefaultSecondsBuckets =
        [1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

    private readonly Func<Instrument, bool> _include;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly Lock _collect = new();

    public MetricsCollector(Func<Instrument, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _include = include;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (_include(instrument))
                {
                    var state = _states.GetOrAdd(instrument, i => new InstrumentState(i));
                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, state) => _states.TryRemove(instrument, out var removed),
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags));
        _listener.Start();
    }

    /// <summary>The instruments being listened to.</summary>
    public IReadOnlyCollection<Instrument> Instruments => [.. _states.Keys];

    /// <summary>Reads the observable instruments and returns every family, ordered by name.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collect)
        {
            foreach (var state in _states.Values.Where(s => s.Instrument.IsObservable))
            {
                state.Clear();
            }

            _listener.RecordObservableInstruments();
            return _states.Values
                .Select(s => s.ToFamily())
                .GroupBy(f => f.Name, StringComparer.Ordinal)
                .Select(g => g.First() with { Series = [.. g.SelectMany(f => f.Series)] })
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The text exposition of <see cref="Collect"/>.</summary>
    public string CollectText() => PrometheusTextWriter.Write(Collect());

    public void Dispose() => _listener.Dispose();

    private static IReadOnlyList<double> BucketsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> d => d.Advice?.HistogramBucketBoundaries,
            Histogram<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> n => n.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        return advised is { Count: > 0 } ? advised : DefaultSecondsBuckets;
    }

    private sealed class InstrumentState(Instrument instrument)
    {
        private readonly ConcurrentDictionary<SeriesKey, Series> _series = new();
        private readonly PrometheusType _type = PrometheusNaming.TypeOf(instrument);
        private readonly bool _accumulates = instrument is Counter<long> or Counter<int> or Counter<double>
            or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>;

        private readonly double[] _bounds = PrometheusNaming.TypeOf(instrument) == PrometheusType.Histogram ? [.. BucketsOf(instrument)] : [];

        public Instrument Instrument { get; } = instrument;

        public void Clear() => _series.Clear();

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = SeriesKey.From(tags);
            if (!_series.TryGetValue(key, out var series))
            {
                series = _series.GetOrAdd(key, new Series(Labels(tags), _bounds.Length));
            }

            if (_type == PrometheusType.Histogram)
            {
                series.Observe(value, _bounds);
            }
            else if (_accumulates)
            {
                series.Add(value);
            }
            else
            {
                series.Set(value);
            }
        }

        public MetricFamily ToFamily() => new(
            PrometheusNaming.MetricName(Instrument),
            _type,
            string.IsNullOrEmpty(Instrument.Description) ? Instrument.Name : Instrument.Description,
            _series.Values.Select(s => s.Snapshot(_bounds)).OrderBy(s => string.Join(',', s.Labels), StringComparer.Ordinal).ToList());

        private static KeyValuePair<string, string>[] Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new KeyValuePair<string, string>[tags.Length];
            for (int i = 0; i < tags.Length; i++)
            {
                labels[i] = new(PrometheusNaming.Sanitize(tags[i].Key), SeriesKey.Text(tags[i].Value));
            }

            Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return labels;
        }
    }

    // One tag (the actor kernel's per-message measurements) is keyed without allocating.
    private readonly record struct SeriesKey(string? Key, string? Value, string? Composite)
    {
        public static SeriesKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return default;
            }

            if (tags.Length == 1 && tags[0].Value is string single)
            {
                return new SeriesKey(tags[0].Key, single, null);
            }

            var parts = new string[tags.Length];
            for (int i = 0; i < tags.Length; i++)
            {
                parts[i] = tags[i].Key + "\u0001" + Text(tags[i].Value);
            }

            Array.Sort(parts, StringComparer.Ordinal);
            return new SeriesKey(null, null, string.Join('\u0000', parts));
        }

        public static string Text(object? value) => value switch
        {
            null => "",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private sealed class Series(KeyValuePair<string, string>[] labels, int bucketCount)
    {
        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[bucketCount + 1];
        private double _value;
        private double _sum;
        private long _count;

        public void Add(double value)
        {
            lock (_gate)
            {
                _value += value;
            }
        }

        public void Set(double value)
        {
            lock (_gate)
            {
                _value = value;
            }
        }

        public void Observe(double value, double[] bounds)
        {
            // Prometheus buckets are upper-inclusive (le).
            int index = Array.BinarySearch(bounds, value);
            if (index < 0)
            {
                index = ~index;
            }

            lock (_gate)
            {
                _buckets[index]++;
                _sum += value;
                _count++;
            }
        }

        public MetricSeries Snapshot(double[] bounds)
        {
            lock (_gate)
            {
                return bounds.Length == 0 && _count == 0
                    ? new MetricSeries(labels, _value)
                    : new MetricSeries(labels, _value, new HistogramData(bounds, [.. _buckets], _sum, _count));
            }
        }
    }
}
