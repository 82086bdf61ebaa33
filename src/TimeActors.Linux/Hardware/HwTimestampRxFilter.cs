namespace TimeActors.Linux.Hardware;

/// <summary>HWTSTAMP_FILTER_* (linux/net_tstamp.h): which received packets the NIC stamps.</summary>
public enum HwTimestampRxFilter
{
    None = 0,
    All = 1,
    Some = 2,
    PtpV1L4Event = 3,
    PtpV1L4Sync = 4,
    PtpV1L4DelayReq = 5,
    PtpV2L4Event = 6,
    PtpV2L4Sync = 7,
    PtpV2L4DelayReq = 8,
    PtpV2L2Event = 9,
    PtpV2L2Sync = 10,
    PtpV2L2DelayReq = 11,
    PtpV2Event = 12,
    PtpV2Sync = 13,
    PtpV2DelayReq = 14,
    NtpAll = 15,
}
