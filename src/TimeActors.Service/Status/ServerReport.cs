namespace TimeActors.Service.Status;

/// <summary>Server counters (`timeactors serverstats`, status JSON `server`), summed over listen addresses.</summary>
public sealed record ServerReport(
    long Received,
    long Answered,
    long Interleaved,
    long RateLimited,
    long Denied,
    long DroppedMalformed,
    TimestampCounts RxStamps,
    TimestampCounts TxStamps)
{
    public static ServerReport Empty { get; } = new(0, 0, 0, 0, 0, 0, default, default);
}
