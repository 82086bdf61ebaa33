namespace TimeActors.Linux.Sockets;

/// <summary>SOF_TIMESTAMPING_* bits (linux/net_tstamp.h) for SO_TIMESTAMPING and its per-message cmsg.</summary>
[Flags]
public enum TimestampingFlags : uint
{
    None = 0,
    TxHardware = 1u << 0,
    TxSoftware = 1u << 1,
    RxHardware = 1u << 2,
    RxSoftware = 1u << 3,
    Software = 1u << 4,
    SysHardware = 1u << 5,
    RawHardware = 1u << 6,
    OptId = 1u << 7,
    TxSched = 1u << 8,
    TxAck = 1u << 9,
    OptCmsg = 1u << 10,
    OptTsOnly = 1u << 11,
    OptStats = 1u << 12,
    OptPktInfo = 1u << 13,
    OptTxSwHw = 1u << 14,
    BindPhc = 1u << 15,
    OptIdTcp = 1u << 16,
    OptRxFilter = 1u << 17,
    TxCompletion = 1u << 18,

    /// <summary>The generation bits a per-message SO_TIMESTAMPING cmsg may carry.</summary>
    TxRecordMask = TxHardware | TxSoftware | TxSched | TxAck | TxCompletion,
}
