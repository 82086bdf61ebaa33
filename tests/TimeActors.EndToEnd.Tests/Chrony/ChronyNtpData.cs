namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// One block of <c>chronyc -c ntpdata</c> (chrony 4.x layout, checked against 4.3): what the client
/// knows about its last exchange with a server. The timestamp sources are the client's own TX and RX
/// stamps ("Kernel", "Hardware" or "Daemon").
/// </summary>
public sealed record ChronyNtpData(
    string RemoteAddress,
    int RemotePort,
    string LocalAddress,
    string Leap,
    int Version,
    string Mode,
    int Stratum,
    int PollLog2,
    int PrecisionLog2,
    double RootDelayS,
    double RootDispersionS,
    string ReferenceIdHex,
    double OffsetS,
    double PeerDelayS,
    double PeerDispersionS,
    double ResponseTimeS,
    string Tests,
    bool Interleaved,
    bool Authenticated,
    string TxTimestamping,
    string RxTimestamping,
    long TotalTx,
    long TotalRx,
    long TotalValidRx)
{
    public static IReadOnlyList<ChronyNtpData> Parse(string output) =>
    [
        .. ChronyCsv.Lines(output).Select(line =>
        {
            var f = new ChronyCsv(line, 33);
            return new ChronyNtpData(f.Text(0), f.Int(2), f.Text(3), f.Text(5), f.Int(6), f.Text(7), f.Int(8), f.Int(9), f.Int(11),
                f.Double(13), f.Double(14), f.Text(15), f.Double(18), f.Double(19), f.Double(20), f.Double(21),
                $"{f.Text(23)} {f.Text(24)} {f.Text(25)}", f.Text(26) == "Yes", f.Text(27) == "Yes", f.Text(28), f.Text(29),
                f.Long(30), f.Long(31), f.Long(32));
        }),
    ];
}
