using System.Text.Json;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>One entry of the status JSON's `sources` list, read by the keys operations-cli.md documents.</summary>
public sealed record ServiceSourceStatus(
    string Name,
    string? Address,
    string State,
    int Reach,
    int PollLog2,
    double? LastOffsetS,
    double? LastDelayS,
    int Samples,
    bool Interleaved,
    long TxKernel,
    long RxKernel,
    long TxDaemon,
    long RxDaemon)
{
    public bool IsSelected => State == "selected";

    public static ServiceSourceStatus Read(JsonElement s) => new(
        s.GetProperty("name").GetString() ?? string.Empty,
        s.GetProperty("address").GetString(),
        s.GetProperty("state").GetString() ?? string.Empty,
        s.GetProperty("reach").GetInt32(),
        s.GetProperty("poll_log2").GetInt32(),
        Nullable(s.GetProperty("last_offset_s")),
        Nullable(s.GetProperty("last_delay_s")),
        s.GetProperty("samples").GetInt32(),
        s.GetProperty("interleaved").GetBoolean(),
        s.GetProperty("tx_stamps").GetProperty("kernel").GetInt64(),
        s.GetProperty("rx_stamps").GetProperty("kernel").GetInt64(),
        s.GetProperty("tx_stamps").GetProperty("daemon").GetInt64(),
        s.GetProperty("rx_stamps").GetProperty("daemon").GetInt64());

    private static double? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
}
