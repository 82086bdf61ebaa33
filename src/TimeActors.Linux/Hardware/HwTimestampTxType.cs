namespace TimeActors.Linux.Hardware;

/// <summary>HWTSTAMP_TX_* (linux/net_tstamp.h).</summary>
public enum HwTimestampTxType
{
    Off = 0,
    On = 1,
    OneStepSync = 2,
    OneStepP2P = 3,
}
