namespace TimeActors.Linux.Sockets;

/// <summary>
/// The SO_TIMESTAMPING value set on a socket and the TX generation flags sent per message, chosen
/// for a role from what the kernel accepted at start (<see cref="TimestampingSupport"/>).
/// </summary>
public readonly record struct TimestampingFlagSet(TimestampingFlags SocketFlags, TimestampingFlags PerMessageTxFlags)
{
    /// <summary>True when every send is stamped because the TX generation bits are on the socket itself.</summary>
    public bool TxStampedPermanently => (SocketFlags & TimestampingFlags.TxRecordMask) != 0;

    /// <summary>
    /// Flags for a role. Always: software RX/TX reporting and OPT_ID (to match TX stamps to sends).
    /// With hardware stamping: RAW_HARDWARE, RX_HARDWARE, TX_HARDWARE and, where accepted,
    /// OPT_PKTINFO (interface and layer-2 length of HW-stamped RX) and OPT_TX_SWHW (HW and SW TX
    /// stamps both reported, as separate messages). Looped-back TX packets: OPT_CMSG with hardware,
    /// because the IP_PKTINFO egress index picks the PHC that made the stamp and the frame length
    /// teaches the layer-2 offset; otherwise OPT_TSONLY, which queues no payload and works even with
    /// net.core.tstamp_allow_data=0.
    /// </summary>
    public static TimestampingFlagSet For(TimestampingRole role, TimestampingSupport support, bool hardware)
    {
        ArgumentNullException.ThrowIfNull(support);
        if (role == TimestampingRole.None || !support.SoTimestamping)
        {
            return default;
        }

        var reporting = TimestampingFlags.Software | TimestampingFlags.RxSoftware;
        var tx = TimestampingFlags.TxSoftware;
        if (hardware)
        {
            reporting |= TimestampingFlags.RawHardware | TimestampingFlags.RxHardware;
            tx |= TimestampingFlags.TxHardware;
            if (support.OptPktInfo)
            {
                reporting |= TimestampingFlags.OptPktInfo;
            }

            if (support.OptTxSwHw)
            {
                reporting |= TimestampingFlags.OptTxSwHw;
            }
        }

        if (support.OptId)
        {
            reporting |= TimestampingFlags.OptId;
        }

        if (hardware && support.OptCmsg)
        {
            reporting |= TimestampingFlags.OptCmsg;
        }
        else if (!hardware && support.OptTsOnly)
        {
            reporting |= TimestampingFlags.OptTsOnly;
        }

        // Kernels without per-message SO_TIMESTAMPING cmsgs (before 4.7) ignore them: such servers
        // must stamp every response, as clients do.
        return role == TimestampingRole.Client || !support.PerMessageTxFlags
            ? new TimestampingFlagSet(reporting | tx, TimestampingFlags.None)
            : new TimestampingFlagSet(reporting, tx);
    }
}
