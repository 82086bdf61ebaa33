namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.control</c>, bound onto <see cref="ControlSettings"/>.</summary>
public static class ControlSettingsSection
{
    public static readonly SettingKey Socket = SettingKey.Text("socket", "Unix socket path; empty turns the endpoint off.");

    public static readonly SettingKey RequestTimeout = SettingKey.Duration("request-timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), allowInfinite: false, "Slow clients are dropped after this.");

    public static SettingsSection Section { get; } = new("timeactors.control", [Socket, RequestTimeout]);

    public static ControlSettings Bind(SettingsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var socket = r.Get<string>(Socket);

        // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
        if (!string.IsNullOrEmpty(socket) && System.Text.Encoding.UTF8.GetByteCount(socket) > 107)
        {
            r.Fail(Socket, "is longer than a Unix socket path may be (107 bytes)");
        }

        return new ControlSettings
        {
            SocketPath = string.IsNullOrEmpty(socket) ? null : socket,
            RequestTimeout = r.Get<TimeSpan>(RequestTimeout),
        };
    }
}
