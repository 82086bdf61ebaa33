namespace TimeActors.Timing.Exchange;

/// <summary>
/// The save decision of ARCHITECTURE.md §4 as one pure predicate, so every condition is visible in
/// one place and tested one by one.
/// </summary>
public static class SavedResponseRules
{
    /// <summary>
    /// A response is saved (instead of processed now) only when all hold:
    /// it is valid (tests 1, 2, 3, 5) and synchronised (tests 6, 7); it is the first valid response to
    /// this request; hardware timestamping is enabled on at least one interface (we do not wait to
    /// have seen a hardware TX stamp first: a consistently slow NIC would never qualify); the
    /// request's TX stamp is not hardware yet; the source already has a good sample (a new source
    /// must not be confirmed by a delayed response); and the timeout is positive (0 disables saving).
    /// </summary>
    public static bool ShouldSave(
        bool valid,
        bool synchronized,
        bool requestAlreadyAnswered,
        bool hardwareTimestampingEnabled,
        bool requestTxStampIsHardware,
        long goodSampleCount,
        bool timeoutPositive) =>
        valid
        && synchronized
        && !requestAlreadyAnswered
        && hardwareTimestampingEnabled
        && !requestTxStampIsHardware
        && goodSampleCount > 0
        && timeoutPositive;
}
