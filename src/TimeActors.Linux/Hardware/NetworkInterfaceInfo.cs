using System.Net;

namespace TimeActors.Linux.Hardware;

/// <summary>An interface as enumerated: kernel index, name, and its IPv4/IPv6 addresses.</summary>
public sealed record NetworkInterfaceInfo(int Index, string Name, IReadOnlyList<IPAddress> Addresses);
