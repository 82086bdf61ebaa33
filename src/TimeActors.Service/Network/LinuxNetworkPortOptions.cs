namespace TimeActors.Service.Network;

/// <summary>How a <see cref="LinuxNetworkPort"/> opens its sockets (bound from the interface settings).</summary>
public sealed record LinuxNetworkPortOptions
{
    /// <summary>Name for logs: the interface name, or "*" for sockets not tied to a device.</summary>
    public string Name { get; init; } = "*";

    /// <summary>Bind every socket to this device (SO_BINDTODEVICE); null: any interface.</summary>
    public string? Device { get; init; }

    /// <summary>Ask for hardware stamps. Used only with a <see cref="Timing.Ports.Network.IHardwareClockModel"/> to convert them.</summary>
    public bool HardwareTimestamping { get; init; }

    /// <summary>Datagrams read per receive call (recvmmsg batch).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Socket receive buffer, null for the system default.</summary>
    public int? ReceiveBufferBytes { get; init; }
}
