using TimeActors.Timing.Selection;

namespace TimeActors.Service.Status;

/// <summary>
/// One source as `timeactors sources` and `status --json` show it. The source actor fills everything
/// but <see cref="State"/>, which the clock actor sets from selection.
/// </summary>
/// <param name="Name">As configured (DNS name or address).</param>
/// <param name="Address">Resolved address and port, e.g. "10.200.0.1:123"; null while unresolved.</param>
/// <param name="State">Selection state: selected, combined, candidate, falseticker, unreachable, …</param>
/// <param name="Reach">The 8-bit reachability register.</param>
/// <param name="PollLog2">Current poll interval, log2 seconds.</param>
/// <param name="LastOffsetSeconds">Last sample's offset (positive: local clock behind), or null.</param>
/// <param name="LastDelaySeconds">Last sample's round-trip delay, or null.</param>
/// <param name="Samples">Samples held by the source's statistics.</param>
/// <param name="Interleaved">Whether the last sample came from an interleaved exchange.</param>
/// <param name="TxStamps">Local transmit stamps used, by kind.</param>
/// <param name="RxStamps">Local receive stamps used, by kind.</param>
/// <param name="SavedResponses">Saved-response outcomes.</param>
public sealed record SourceReport(
    string Name,
    string? Address,
    SourceSelectionState State,
    byte Reach,
    int PollLog2,
    double? LastOffsetSeconds,
    double? LastDelaySeconds,
    int Samples,
    bool Interleaved,
    TimestampCounts TxStamps,
    TimestampCounts RxStamps,
    SavedResponseCounts SavedResponses)
{
    /// <summary>The hardware TX stamp wait (fixed or learned); null when the reporter does not know it.</summary>
    public HwTsTimeoutReport? HwTsTimeout { get; init; }
}
