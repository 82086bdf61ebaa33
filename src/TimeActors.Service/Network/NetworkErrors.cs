namespace TimeActors.Service.Network;

/// <summary>The errno values that say the network or the interface went away, not that a peer is silent.</summary>
public static class NetworkErrors
{
    public const int BadDescriptor = 9;          // EBADF: the socket was closed under the caller
    public const int NoDevice = 19;              // ENODEV: the bound device is gone
    public const int AddressNotAvailable = 99;   // EADDRNOTAVAIL: our bound address is gone
    public const int NetworkDown = 100;          // ENETDOWN
    public const int NetworkUnreachable = 101;   // ENETUNREACH: no route (the link is down)
    public const int HostUnreachable = 113;      // EHOSTUNREACH

    /// <summary>The local end is broken (device or address gone): the socket must be reopened, not just retried.</summary>
    public static bool IsLocalEndGone(int errno) =>
        errno is NoDevice or AddressNotAvailable or NetworkDown or BadDescriptor;

    /// <summary>Any of the interface-down family: the local end is gone or there is no route to the peer.</summary>
    public static bool IsNetworkGone(int errno) =>
        IsLocalEndGone(errno) || errno is NetworkUnreachable or HostUnreachable;
}
