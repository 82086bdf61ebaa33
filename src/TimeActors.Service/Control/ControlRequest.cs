namespace TimeActors.Service.Control;

/// <summary>The requests the control endpoint answers: one line of ASCII, answered with one line of JSON.</summary>
public static class ControlRequest
{
    /// <summary>The status object exactly as `timeactors status --json` prints it.</summary>
    public const string Status = "status";

    /// <summary>The status object plus the fields the tables show beyond the contract (reference ID, server stamp counts).</summary>
    public const string StatusDetail = "status-detail";

    /// <summary>Longest request line accepted, newline included; anything longer is refused without reading on.</summary>
    public const int MaxBytes = 256;

    public static IReadOnlyList<string> All { get; } = [Status, StatusDetail];
}
