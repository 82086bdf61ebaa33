using System.Net;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.metrics</c>, bound onto <see cref="MetricsSettings"/>.</summary>
public static class MetricsSettingsSection
{
    public static readonly SettingKey Enabled = SettingKey.Boolean("enabled", "Record the service's metrics and serve/export them.");

    public static readonly SettingKey Listen = SettingKey.Text("listen", "Address and port of the Prometheus endpoint (\"127.0.0.1:9465\", \"[::1]:9465\"); empty: no endpoint.");

    public static readonly SettingKey RefreshInterval = SettingKey.Duration("refresh-interval", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), allowInfinite: false, "How often status-based metrics are refreshed.");

    public static readonly SettingKey OtlpEndpoint = SettingKey.Text("otlp.endpoint", "OTLP collector URL (http://host:4317); empty: no OTLP export.");

    public static readonly SettingKey OtlpProtocolKey = SettingKey.Choice("otlp.protocol", ["grpc", "http-protobuf"], "OTLP transport.");

    public static readonly SettingKey OtlpInterval = SettingKey.Duration("otlp.interval", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), allowInfinite: false, "Time between OTLP exports.");

    public static SettingsSection Section { get; } = new("timeactors.metrics", [Enabled, Listen, RefreshInterval, OtlpEndpoint, OtlpProtocolKey, OtlpInterval]);

    public static MetricsSettings Bind(SettingsReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var listenText = r.Get<string>(Listen)?.Trim();
        IPEndPoint? listen = null;
        if (!string.IsNullOrEmpty(listenText))
        {
            // A port is required: an address alone would silently mean port 0 (a random one).
            if (!IPEndPoint.TryParse(listenText, out listen) || listen.Port == 0 && !listenText.EndsWith(":0", StringComparison.Ordinal))
            {
                r.Fail(Listen, $"`{listenText}` is not an IP address with a port, e.g. \"127.0.0.1:{MetricsSettings.DefaultPort}\" or \"[::1]:{MetricsSettings.DefaultPort}\"");
                listen = null;
            }
        }

        var otlpText = r.Get<string>(OtlpEndpoint)?.Trim();
        Uri? otlp = null;
        if (!string.IsNullOrEmpty(otlpText))
        {
            if (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https"))
            {
                r.Fail(OtlpEndpoint, $"`{otlpText}` is not an http:// or https:// URL, e.g. \"http://127.0.0.1:4317\"");
                otlp = null;
            }
        }

        return new MetricsSettings
        {
            Enabled = r.Get<bool>(Enabled),
            Listen = listen,
            RefreshInterval = r.Get<TimeSpan>(RefreshInterval),
            OtlpEndpoint = otlp,
            OtlpProtocol = r.Get<string>(OtlpProtocolKey) == "http-protobuf" ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc,
            OtlpInterval = r.Get<TimeSpan>(OtlpInterval),
        };
    }
}
