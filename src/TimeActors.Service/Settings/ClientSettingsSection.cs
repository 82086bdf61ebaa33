namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.client</c>, bound onto <see cref="ClientSettings"/>.</summary>
public static class ClientSettingsSection
{
    public static readonly SettingKey Sockets = SettingKey.Choice("sockets", ["per-request", "fixed"], "Per-request sockets or one fixed acquisition socket.");

    public static readonly SettingKey AcquisitionPort = SettingKey.Integer("acquisition-port", 0, 65535, "Local port of the fixed socket (0: kernel's choice).");

    public static SettingsSection Section { get; } = new("timeactors.client", [Sockets, AcquisitionPort]);

    public static ClientSettings Bind(SettingsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var settings = new ClientSettings
        {
            Sockets = r.Get<string>(Sockets) == "fixed" ? ClientSocketPolicy.Fixed : ClientSocketPolicy.PerRequest,
            AcquisitionPort = r.Get<int>(AcquisitionPort),
        };
        if (settings.Sockets == ClientSocketPolicy.PerRequest && settings.AcquisitionPort != 0)
        {
            r.Fail(AcquisitionPort, "is only used with `sockets = fixed`; set that too or remove the port");
        }

        return settings;
    }
}
