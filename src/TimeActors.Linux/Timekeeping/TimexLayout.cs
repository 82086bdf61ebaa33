using System.Runtime.InteropServices;

namespace TimeActors.Linux.Timekeeping;

/// <summary>
/// Byte offsets of struct timex. x86_64 and arm64 share one layout: both are LP64 with natural
/// alignment, and the kernel's struct __kernel_timex (long long fields, explicit padding) is the same
/// on every 64-bit architecture: 208 bytes, 4 bytes of padding after each int that precedes a long,
/// 44 bytes of reserved int fields at the end. 32-bit ABIs differ and are refused.
/// </summary>
public sealed record TimexLayout
{
    public required int Size { get; init; }
    public required int Modes { get; init; }
    public required int Offset { get; init; }
    public required int Frequency { get; init; }
    public required int MaxError { get; init; }
    public required int EstError { get; init; }
    public required int Status { get; init; }
    public required int Constant { get; init; }
    public required int Precision { get; init; }
    public required int Tolerance { get; init; }
    public required int TimeSeconds { get; init; }
    public required int TimeFraction { get; init; }
    public required int Tick { get; init; }
    public required int PpsFrequency { get; init; }
    public required int Jitter { get; init; }
    public required int Shift { get; init; }
    public required int Stability { get; init; }
    public required int JitterCount { get; init; }
    public required int CalibrationCount { get; init; }
    public required int ErrorCount { get; init; }
    public required int StabilityCount { get; init; }
    public required int Tai { get; init; }

    private static readonly TimexLayout Lp64 = new()
    {
        Size = 208, Modes = 0, Offset = 8, Frequency = 16, MaxError = 24, EstError = 32, Status = 40,
        Constant = 48, Precision = 56, Tolerance = 64, TimeSeconds = 72, TimeFraction = 80, Tick = 88,
        PpsFrequency = 96, Jitter = 104, Shift = 112, Stability = 120, JitterCount = 128,
        CalibrationCount = 136, ErrorCount = 144, StabilityCount = 152, Tai = 160,
    };

    public static TimexLayout For(Architecture architecture) => architecture switch
    {
        Architecture.X64 or Architecture.Arm64 => Lp64,
        _ => throw new PlatformNotSupportedException($"no struct timex layout for {architecture}"),
    };

    public static TimexLayout Current => For(RuntimeInformation.ProcessArchitecture);
}
