namespace TimeActors.Service.Settings;

/// <summary>How source actors open their client sockets.</summary>
public enum ClientSocketPolicy
{
    /// <summary>A new connected socket with a random port for every request, closed after a valid response (chrony's default; hides the client from off-path spoofing).</summary>
    PerRequest,

    /// <summary>One long-lived socket per address family on <see cref="ClientSettings.AcquisitionPort"/> (chrony <c>acquisitionport</c>), for firewalls that want a fixed port.</summary>
    Fixed,
}
