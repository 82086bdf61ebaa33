namespace TimeActors.Linux.Hardware;

/// <summary>How enabling hardware timestamping on an interface ended.</summary>
public enum HwTimestampStatus
{
    /// <summary>SIOCSHWTSTAMP succeeded.</summary>
    Enabled,

    /// <summary>The set failed, but the read-back shows TX on and the wanted RX filter already (e.g. no CAP_NET_ADMIN, configured by another process).</summary>
    AlreadyConfigured,

    /// <summary>EPERM: changing the NIC needs CAP_NET_ADMIN, and it is not configured as wanted.</summary>
    PermissionDenied,

    /// <summary>ERANGE for every candidate filter: the NIC cannot stamp the requested packets.</summary>
    FilterUnsupported,

    /// <summary>EINVAL or EOPNOTSUPP: the driver has no hardware timestamping at all.</summary>
    NotSupported,

    /// <summary>Any other error (see the errno).</summary>
    Failed,
}
