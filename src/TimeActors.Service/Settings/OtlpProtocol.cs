namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.metrics.otlp.protocol</c>.</summary>
public enum OtlpProtocol
{
    Grpc,
    HttpProtobuf,
}
