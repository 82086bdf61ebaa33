using System.Net;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.metrics</c>: the Prometheus text endpoint and the optional OTLP export.</summary>
public sealed record MetricsSettings
{
    /// <summary>The default port: clear of node_exporter (9100) and chrony_exporter (9123).</summary>
    public const int DefaultPort = 9465;

    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, DefaultPort);

    /// <summary>Off: no service instruments, no endpoint, no export (the actor kernel's own meter is timeactors.actors.telemetry).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Where `/metrics` is served; null: no HTTP endpoint (OTLP only, or nothing).</summary>
    public IPEndPoint? Listen { get; init; } = DefaultListen;

    /// <summary>How often the status behind the observable instruments is refreshed.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>OTLP collector endpoint (e.g. http://127.0.0.1:4317); null: no OTLP export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>OTLP over gRPC (default) or HTTP/protobuf.</summary>
    public OtlpProtocol OtlpProtocol { get; init; } = OtlpProtocol.Grpc;

    /// <summary>Time between OTLP exports.</summary>
    public TimeSpan OtlpInterval { get; init; } = TimeSpan.FromSeconds(15);
}
