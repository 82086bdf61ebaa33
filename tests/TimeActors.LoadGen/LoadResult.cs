using System.Globalization;
using System.Text.Json;

namespace TimeActors.LoadGen;

/// <summary>
/// What one run counted. Sent requests end as exactly one of: a valid reply, an invalid reply
/// (matched by origin but wrong mode, unsynchronised, insane stratum, or a Kiss-o'-Death), or lost
/// (no reply within the timeout). Replies whose origin matches no request in flight (late after
/// their timeout, duplicated, forged) are counted apart as unmatched. At a fixed rate, requests the
/// generator fell more than a millisecond behind on are skipped (not sent) and counted. Latency: from the clock read
/// just before the request's sendmmsg to the kernel's RX stamp of the reply.
/// </summary>
public sealed record LoadResult(
    string Server,
    double? TargetRatePerSecond,
    int Window,
    int Sockets,
    int SourceAddresses,
    double DurationS,
    long Sent,
    long Skipped,
    long SendFailures,
    long ValidReplies,
    long InvalidReplies,
    long KissOfDeath,
    long Lost,
    long Unmatched,
    long LatencySamples,
    double LatencyP50Us,
    double LatencyP99Us,
    double LatencyMaxUs)
{
    public double OfferedPerSecond => Sent / DurationS;

    public double RepliesPerSecond => ValidReplies / DurationS;

    public double LossPercent => Sent == 0 ? 0 : 100.0 * Lost / Sent;

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["server"] = Server,
        ["target_rate_per_s"] = TargetRatePerSecond,
        ["window"] = Window,
        ["sockets"] = Sockets,
        ["source_addresses"] = SourceAddresses,
        ["duration_s"] = DurationS,
        ["sent"] = Sent,
        ["skipped_behind_schedule"] = Skipped,
        ["send_failures"] = SendFailures,
        ["offered_per_s"] = Math.Round(OfferedPerSecond, 1),
        ["valid_replies"] = ValidReplies,
        ["replies_per_s"] = Math.Round(RepliesPerSecond, 1),
        ["invalid_replies"] = InvalidReplies,
        ["kiss_of_death"] = KissOfDeath,
        ["lost"] = Lost,
        ["loss_percent"] = Math.Round(LossPercent, 4),
        ["unmatched"] = Unmatched,
        ["latency_p50_us"] = LatencyP50Us,
        ["latency_p99_us"] = LatencyP99Us,
        ["latency_max_us"] = LatencyMaxUs,
    });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Server}: offered {OfferedPerSecond:0}/s, replies {RepliesPerSecond:0}/s, loss {LossPercent:0.###} % ({Lost} of {Sent}), invalid {InvalidReplies}, KoD {KissOfDeath}, unmatched {Unmatched}, skipped {Skipped}, latency p50 {LatencyP50Us:0} us p99 {LatencyP99Us:0} us max {LatencyMaxUs:0} us");
}
