using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// One line of chrony's measurements.log (or rawmeasurements): one NTP exchange as the client saw it.
/// <see cref="OffsetS"/> is RFC 5905 theta: positive when the local clock is behind the server.
/// <see cref="TxSource"/>/<see cref="RxSource"/> say how the client stamped its own request and
/// the response ('D' daemon, 'K' kernel, 'H' hardware in the log).
/// </summary>
public sealed record ChronyMeasurement(
    DateTime TimeUtc,
    string Address,
    LeapIndicator Leap,
    int Stratum,
    string Tests123,
    string Tests567,
    string TestsAbcd,
    int LocalPollLog2,
    int RemotePollLog2,
    double Score,
    double OffsetS,
    double PeerDelayS,
    double PeerDispersionS,
    double RootDelayS,
    double RootDispersionS,
    string ReferenceIdHex,
    NtpMode Mode,
    bool Interleaved,
    TimestampSource TxSource,
    TimestampSource RxSource)
{
    /// <summary>All RFC 5905 tests and chrony's delay tests passed (chrony only uses such samples).</summary>
    public bool PassedAllTests => $"{Tests123}{Tests567}{TestsAbcd}".All(c => c == '1');
}
