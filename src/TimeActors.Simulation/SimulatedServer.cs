using System.Net;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Simulation;

/// <summary>
/// One simulated stratum-1 server answering through the service's own pure
/// <see cref="ResponseBuilder"/> (basic and interleaved). Its clock is true UTC plus its offset,
/// leap seconds included. Requests are answered in the order the client sent them, which is their
/// arrival order unless one client's requests overtake each other on the way (polls ≥ 1 s against
/// sub-second delays never do in the scenarios).
/// </summary>
public sealed class SimulatedServer
{
    private readonly object _gate = new();
    private readonly SimulationTimeline _timeline;
    private readonly LeapSecondSchedule? _leap;
    private readonly SimRandom _noise;
    private readonly ResponseBuilder _builder = new(new InterleavedClientTable());

    public SimulatedServer(SimulatedServerOptions options, SimulationTimeline timeline, DelayModel link, LeapSecondSchedule? leap, SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(random);
        Options = options;
        _timeline = timeline;
        Link = link;
        _leap = leap;
        _noise = random.Fork("stamp-noise");
        Endpoint = NetworkEndpoint.FromIPEndPoint(new IPEndPoint(IPAddress.Parse(options.Address), options.Port));
    }

    public SimulatedServerOptions Options { get; }

    public NetworkEndpoint Endpoint { get; }

    /// <summary>The path between the client and this server.</summary>
    public DelayModel Link { get; }

    public long Requests { get; private set; }

    public long InterleavedResponses { get; private set; }

    /// <summary>
    /// Answers <paramref name="request"/> that arrived at true time <paramref name="arrival"/> into
    /// <paramref name="response"/>; returns its length (0: no answer) and when it left.
    /// </summary>
    public int Respond(ReadOnlySpan<byte> request, ClientAddress client, double arrival, Span<byte> response, out double departure)
    {
        departure = arrival + Options.ProcessingSeconds;
        lock (_gate)
        {
            Requests++;
            var source = Options.HardwareTimestamps ? TimestampSource.Hardware : TimestampSource.Kernel;
            var rx = new PacketTimestamp(new SystemTime(Stamp(arrival)), source, TimeInterval.Zero);
            var tracking = new ServerTrackingState(
                _leap?.AnnouncedAt(arrival) == true ? (_leap.Insert ? LeapIndicator.InsertSecond : LeapIndicator.DeleteSecond) : LeapIndicator.NoWarning,
                Stratum: 1,
                Options.PrecisionLog2,
                TimeInterval.Zero,
                TimeInterval.Zero,
                ReferenceId: 0x47505300, // "GPS"
                new SystemTime(Reading(Math.Floor(arrival))));

            // The daemon reads its (perfect) clock just before the send: the basic transmit field.
            var decision = _builder.Build(request, client, rx, tracking, new SystemTime(Reading(departure)), response);
            if (!decision.ShouldRespond)
            {
                return 0;
            }

            if (decision.Interleaved)
            {
                InterleavedResponses++;
            }

            // The TX stamp of this response, for an interleaved client's next request.
            var receiveField = NtpTimestamp.FromSystemTime(rx.Time).WithLowBit(true);
            _builder.OnTransmitStamp(client, receiveField, new PacketTimestamp(new SystemTime(Stamp(departure)), source, TimeInterval.Zero));
            return decision.Length;
        }
    }

    /// <summary>Its clock at true time <paramref name="t"/>, ns since the epoch.</summary>
    public long Reading(double t) => _timeline.UnixNs(t, Options.OffsetSeconds + (_leap?.UtcMinusTrueAt(t) ?? 0));

    private long Stamp(double t) =>
        Options.HardwareTimestamps && Options.StampJitterSeconds > 0
            ? _timeline.UnixNs(t, Options.OffsetSeconds + (_leap?.UtcMinusTrueAt(t) ?? 0) + (Options.StampJitterSeconds * _noise.Normal()))
            : Reading(t);
}
