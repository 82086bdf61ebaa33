namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>The leading counters of <c>chronyc -c serverstats</c> (chrony 4.x; later versions append more).</summary>
public sealed record ChronyServerStats(
    long NtpReceived,
    long NtpDropped,
    long CommandReceived,
    long CommandDropped,
    long ClientLogRecordsDropped,
    long NtsKeAccepted,
    long NtsKeDropped,
    long AuthenticatedNtp,
    long InterleavedNtp)
{
    public static ChronyServerStats Parse(string output)
    {
        var f = new ChronyCsv(ChronyCsv.Lines(output).Single(), 9);
        return new ChronyServerStats(f.Long(0), f.Long(1), f.Long(2), f.Long(3), f.Long(4), f.Long(5), f.Long(6), f.Long(7), f.Long(8));
    }
}
