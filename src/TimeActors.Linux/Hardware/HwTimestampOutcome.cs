namespace TimeActors.Linux.Hardware;

/// <summary>
/// Result of <see cref="HwTimestampSetup.Enable"/>: the status, the configuration now in force (when
/// usable), the RX filter that was asked for, and the errno of the decisive failure (0 on success).
/// </summary>
public sealed record HwTimestampOutcome(HwTimestampStatus Status, HwTimestampConfig? Config, HwTimestampRxFilter RequestedFilter, int Errno)
{
    public bool Usable => Status is HwTimestampStatus.Enabled or HwTimestampStatus.AlreadyConfigured;

    /// <summary>Transmit stamps only: the NIC stamps no received packet.</summary>
    public bool TxOnly => Usable && Config is { RxFilter: HwTimestampRxFilter.None };
}
