namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// <c>chronyc -c tracking</c>. <see cref="SystemTimeOffsetS"/> is positive when the local clock is
/// slow of NTP time, <see cref="FrequencyPpm"/> positive when it runs fast (chronyc's CSV signs).
/// </summary>
public sealed record ChronyTracking(
    string ReferenceIdHex,
    string ReferenceName,
    int Stratum,
    double ReferenceTimeUnixS,
    double SystemTimeOffsetS,
    double LastOffsetS,
    double RmsOffsetS,
    double FrequencyPpm,
    double ResidualFrequencyPpm,
    double SkewPpm,
    double RootDelayS,
    double RootDispersionS,
    double UpdateIntervalS,
    string LeapStatus)
{
    /// <summary>chrony reports reference id 0 and stratum 0 until a source has been selected.</summary>
    public bool IsSynchronized => ReferenceIdHex != "00000000" && LeapStatus != "Not synchronised";

    public static ChronyTracking Parse(string output)
    {
        var f = new ChronyCsv(ChronyCsv.Lines(output).Single(), 14);
        return new ChronyTracking(f.Text(0), f.Text(1), f.Int(2), f.Double(3), f.Double(4), f.Double(5), f.Double(6), f.Double(7),
            f.Double(8), f.Double(9), f.Double(10), f.Double(11), f.Double(12), f.Text(13));
    }
}
