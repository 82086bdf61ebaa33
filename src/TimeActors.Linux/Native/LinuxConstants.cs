namespace TimeActors.Linux.Native;

/// <summary>
/// Kernel ABI numbers (asm-generic values, shared by x86_64 and arm64). Each was checked against the
/// uapi headers (linux-libc-dev 6.1 compiled with gcc on x86_64) and, for those newer than 6.1
/// (SCM_TS_OPT_ID, OPT_RX_FILTER, TX_COMPLETION), against the upstream asm-generic/socket.h and
/// net_tstamp.h; the tests pin every value.
/// </summary>
internal static class LinuxConstants
{
    // Address families and socket types.
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int SOCK_DGRAM = 2;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int IPPROTO_UDP = 17;

    // Socket levels and options.
    internal const int SOL_SOCKET = 1;
    internal const int SO_REUSEADDR = 2;
    internal const int SO_ERROR = 4;
    internal const int SO_RCVBUF = 8;
    internal const int SO_REUSEPORT = 15;
    internal const int SO_BINDTODEVICE = 25;
    internal const int SO_TIMESTAMPING = 37; // SO_TIMESTAMPING_OLD: same layout as _NEW on 64-bit
    internal const int SO_TIMESTAMPING_NEW = 65;
    internal const int SCM_TIMESTAMPING = SO_TIMESTAMPING;
    internal const int SCM_TIMESTAMPING_NEW = SO_TIMESTAMPING_NEW;
    internal const int SO_SELECT_ERR_QUEUE = 45;
    internal const int SCM_TIMESTAMPING_PKTINFO = 58;
    internal const int SCM_TS_OPT_ID = 81; // Linux 6.13

    internal const int SOL_IP = 0;
    internal const int IP_PKTINFO = 8;
    internal const int IP_RECVERR = 11;
    internal const int SOL_IPV6 = 41;
    internal const int IPV6_RECVERR = 25;
    internal const int IPV6_V6ONLY = 26;
    internal const int IPV6_RECVPKTINFO = 49;
    internal const int IPV6_PKTINFO = 50;

    // Message flags.
    internal const int MSG_CTRUNC = 0x8;
    internal const int MSG_TRUNC = 0x20;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_ERRQUEUE = 0x2000;

    // epoll / eventfd.
    internal const int EPOLL_CLOEXEC = 0x80000;
    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const int EPOLL_CTL_MOD = 3;
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    // ioctl requests.
    internal const uint SIOCGIFINDEX = 0x8933;
    internal const uint SIOCETHTOOL = 0x8946;
    internal const uint SIOCSHWTSTAMP = 0x89b0;
    internal const uint SIOCGHWTSTAMP = 0x89b1;
    internal const uint ETHTOOL_GSET = 0x1;
    internal const uint ETHTOOL_GET_TS_INFO = 0x41;
    internal const uint ETHTOOL_GLINKSETTINGS = 0x4c;

    // PTP ioctls: _IOR/_IOW/_IOWR('=', n, struct), sizes 80, 832, 64, 1216.
    internal const uint PTP_CLOCK_GETCAPS = 0x80503d01;
    internal const uint PTP_SYS_OFFSET = 0x43403d05;
    internal const uint PTP_SYS_OFFSET_PRECISE = 0xc0403d08;
    internal const uint PTP_SYS_OFFSET_EXTENDED = 0xc4c03d09;

    // Files, namespaces, clocks.
    internal const int O_RDONLY = 0;
    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;
    internal const int CLONE_NEWNET = 0x40000000;
    internal const int CLOCK_REALTIME = 0;
    internal const int CLOCK_MONOTONIC = 1;
    internal const int CLOCKFD = 3;

    // errno values (asm-generic/errno-base.h, errno.h).
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int ENOTTY = 25;
    internal const int ERANGE = 34;
    internal const int ENOMSG = 42;
    internal const int EOPNOTSUPP = 95;
    internal const int ENOBUFS = 105;
    internal const int ECONNREFUSED = 111;

    internal const int SockaddrStorageSize = 128;
    internal const int SockaddrIn6Size = 28;
    internal const int SockaddrInSize = 16;
}
