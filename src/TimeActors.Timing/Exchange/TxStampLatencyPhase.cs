namespace TimeActors.Timing.Exchange;

/// <summary>Where a <see cref="TxStampLatencyLearner"/> takes its timeout from.</summary>
public enum TxStampLatencyPhase
{
    /// <summary>Too few outcomes yet: the start value (the poll bound) is used.</summary>
    Start,

    /// <summary>Enough arrived latencies: the high quantile with its margin is used.</summary>
    Learned,

    /// <summary>
    /// The window is full of outcomes but almost none are arrivals (the NIC does not deliver hardware
    /// TX stamps): waiting the bound for stamps that do not come would only delay samples, so the floor is used.
    /// </summary>
    StampsTooRare,
}
