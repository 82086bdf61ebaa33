using System.Net.NetworkInformation;
using System.Net.Sockets;
using TimeActors.Linux.Native;

namespace TimeActors.Linux.Hardware;

/// <summary>Interface enumeration (getifaddrs through the BCL) with the kernel's interface indexes.</summary>
public static class NetworkInterfaces
{
    public static IReadOnlyList<NetworkInterfaceInfo> List()
    {
        LinuxAbi.EnsureSupported();
        var result = new List<NetworkInterfaceInfo>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var index = IndexOf(nic.Name);
            if (index == 0)
            {
                continue; // vanished between listing and lookup
            }

            var addresses = nic.GetIPProperties().UnicastAddresses
                .Select(a => a.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .ToList();
            result.Add(new NetworkInterfaceInfo(index, nic.Name, addresses));
        }

        return result.OrderBy(i => i.Index).ToList();
    }

    /// <summary>if_nametoindex in the calling thread's network namespace; 0 if there is no such interface.</summary>
    public static int IndexOf(string name) => (int)Libc.if_nametoindex(name);
}
