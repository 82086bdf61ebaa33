namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.control</c>: the Unix socket `timeactors status` and friends talk to.</summary>
public sealed record ControlSettings
{
    public const string DefaultSocketPath = "/run/timeactors/control.sock";

    /// <summary>Path of the Unix socket; null when the endpoint is off.</summary>
    public string? SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>A client that has not sent its request (or read the answer) within this is dropped.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
