using System.Runtime.InteropServices;

namespace TimeActors.Linux;

/// <summary>
/// The ABIs this assembly's struct layouts are written for: 64-bit Linux on x86_64 or arm64 (LP64,
/// 64-bit time_t). Entry points that touch the kernel call <see cref="EnsureSupported"/> first.
/// </summary>
public static class LinuxAbi
{
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && Environment.Is64BitProcess &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static void EnsureSupported()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException(
                $"TimeActors.Linux needs 64-bit Linux on x86_64 or arm64, not {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}");
        }
    }
}
