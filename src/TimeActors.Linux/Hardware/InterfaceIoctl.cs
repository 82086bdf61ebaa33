using System.Text;
using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Hardware;

/// <summary>
/// Interface ioctls through a struct ifreq (40 bytes: char ifr_name[16], then a union whose
/// ifr_data pointer or ifr_ifindex sits at offset 16), issued on a throw-away UDP socket in the
/// calling thread's network namespace.
/// </summary>
internal static unsafe class InterfaceIoctl
{
    internal const int IfReqSize = 40;
    internal const int IfNameSize = 16;

    /// <summary>Runs the ioctl with ifr_data pointing at <paramref name="data"/>; returns errno (0 = ok).</summary>
    internal static int WithData(string interfaceName, uint request, Span<byte> data)
    {
        var ifreq = stackalloc byte[IfReqSize];
        WriteName(new Span<byte>(ifreq, IfReqSize), interfaceName);
        fixed (byte* p = data)
        {
            *(byte**)(ifreq + 16) = p;
            return Run(request, ifreq);
        }
    }

    internal static int GetIndex(string interfaceName, out int index)
    {
        var ifreq = stackalloc byte[IfReqSize];
        WriteName(new Span<byte>(ifreq, IfReqSize), interfaceName);
        var errno = Run(SIOCGIFINDEX, ifreq);
        index = errno == 0 ? *(int*)(ifreq + 16) : 0;
        return errno;
    }

    internal static void WriteName(Span<byte> ifreq, string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ifreq[..IfReqSize].Clear();
        var count = Encoding.UTF8.GetBytes(interfaceName, ifreq[..(IfNameSize - 1)]);
        if (count != Encoding.UTF8.GetByteCount(interfaceName))
        {
            throw new ArgumentException($"interface name '{interfaceName}' is longer than IFNAMSIZ-1", nameof(interfaceName));
        }
    }

    private static int Run(uint request, byte* ifreq)
    {
        var fd = Libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            return Libc.LastError;
        }

        try
        {
            return Libc.ioctl(fd, request, ifreq) == 0 ? 0 : Libc.LastError;
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
