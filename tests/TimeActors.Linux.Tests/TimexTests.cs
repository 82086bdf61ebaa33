using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TimeActors.Linux.Timekeeping;

namespace TimeActors.Linux.Tests;

public sealed class TimexTests
{
    // offsetof(struct timex, ...) printed by gcc on x86_64 glibc; arm64 (LP64, kernel __kernel_timex
    // with explicit padding) has the same layout.
    private static readonly (string Field, int Offset)[] Lp64Offsets =
    [
        ("Modes", 0), ("Offset", 8), ("Frequency", 16), ("MaxError", 24), ("EstError", 32), ("Status", 40),
        ("Constant", 48), ("Precision", 56), ("Tolerance", 64), ("TimeSeconds", 72), ("TimeFraction", 80),
        ("Tick", 88), ("PpsFrequency", 96), ("Jitter", 104), ("Shift", 112), ("Stability", 120),
        ("JitterCount", 128), ("CalibrationCount", 136), ("ErrorCount", 144), ("StabilityCount", 152), ("Tai", 160),
    ];

    [Theory]
    [InlineData(Architecture.X64)]
    [InlineData(Architecture.Arm64)]
    public void Layout_matches_struct_timex_offsets_and_size(Architecture architecture)
    {
        var layout = TimexLayout.For(architecture);
        Assert.Equal(208, layout.Size);
        foreach (var (field, offset) in Lp64Offsets)
        {
            Assert.Equal(offset, (int)typeof(TimexLayout).GetProperty(field)!.GetValue(layout)!);
        }
    }

    [Theory]
    [InlineData(Architecture.X86)]
    [InlineData(Architecture.Arm)]
    public void Thirty_two_bit_layouts_are_refused(Architecture architecture) =>
        Assert.Throws<PlatformNotSupportedException>(() => TimexLayout.For(architecture));

    [Theory]
    [InlineData(Architecture.X64)]
    [InlineData(Architecture.Arm64)]
    public void Kernel_bytes_decode_to_the_right_fields(Architecture architecture)
    {
        // The struct as the kernel fills it: ints followed by 4 padding bytes where a long follows.
        var bytes = new KernelBytes()
            .U32(0).Zeros(4).I64(-1234).I64(12 * 65536 + 32768).I64(16_000_000).I64(250).I32(0x2041).Zeros(4)
            .I64(7).I64(1).I64(32_768_000).I64(1_795_311_488).I64(842_498_123).I64(10_000)
            .I64(11).I64(12).I32(4).Zeros(4).I64(13).I64(14).I64(15).I64(16).I64(17).I32(37).Zeros(44)
            .ToArray();
        Assert.Equal(208, bytes.Length);

        var t = TimexCodec.Read(bytes, TimexLayout.For(architecture));

        Assert.Equal(-1234, t.Offset);
        Assert.Equal(12.5, t.FrequencyPpm);
        Assert.Equal(16_000_000, t.MaxErrorUs);
        Assert.Equal(250, t.EstErrorUs);
        Assert.Equal(TimexStatus.Pll | TimexStatus.Unsync | TimexStatus.Nano, t.Status);
        Assert.True(t.IsNano);
        Assert.Equal(-1234, t.OffsetNs);
        Assert.Equal(7, t.Constant);
        Assert.Equal(1, t.PrecisionUs);
        Assert.Equal(500.0, t.ToleranceScaledPpm / 65536.0);
        Assert.Equal(1_795_311_488L * 1_000_000_000 + 842_498_123, t.TimeNs);
        Assert.Equal(10_000, t.TickUs);
        Assert.Equal(11, t.PpsFrequencyScaledPpm);
        Assert.Equal(12, t.Jitter);
        Assert.Equal(4, t.Shift);
        Assert.Equal(13, t.StabilityScaledPpm);
        Assert.Equal(14, t.JitterCount);
        Assert.Equal(15, t.CalibrationCount);
        Assert.Equal(16, t.ErrorCount);
        Assert.Equal(17, t.StabilityCount);
        Assert.Equal(37, t.TaiSeconds);

        var written = new byte[208];
        TimexCodec.Write(t, written, TimexLayout.For(architecture));
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Microsecond_mode_scales_offset_and_time_to_nanoseconds()
    {
        var t = new Timex { Offset = -3, TimeSeconds = 2, TimeFraction = 5, Jitter = 7 };
        Assert.False(t.IsNano);
        Assert.Equal(-3000, t.OffsetNs);
        Assert.Equal(2_000_005_000, t.TimeNs);
        Assert.Equal(7000, t.JitterNs);
        Assert.Equal(-32_768_000, Timex.ToScaledPpm(-500));
    }

    [Fact]
    public void Mode_status_and_state_values_match_linux_timex_h()
    {
        Assert.Equal(
            [0x1u, 0x2, 0x4, 0x8, 0x10, 0x20, 0x80, 0x100, 0x1000, 0x2000, 0x4000, 0x8001, 0xa001],
            new[]
            {
                TimexModes.Offset, TimexModes.Frequency, TimexModes.MaxError, TimexModes.EstError, TimexModes.Status,
                TimexModes.TimeConstant, TimexModes.Tai, TimexModes.SetOffset, TimexModes.Micro, TimexModes.Nano,
                TimexModes.Tick, TimexModes.OffsetSingleShot, TimexModes.OffsetSingleShotRead,
            }.Select(m => (uint)m));
        Assert.Equal(
            [1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000],
            new[]
            {
                TimexStatus.Pll, TimexStatus.PpsFrequency, TimexStatus.PpsTime, TimexStatus.Fll, TimexStatus.Insert,
                TimexStatus.Delete, TimexStatus.Unsync, TimexStatus.FrequencyHold, TimexStatus.PpsSignal,
                TimexStatus.PpsJitter, TimexStatus.PpsWander, TimexStatus.PpsError, TimexStatus.ClockError,
                TimexStatus.Nano, TimexStatus.Mode, TimexStatus.Clock,
            }.Select(s => (int)s));
        Assert.Equal([0, 1, 2, 3, 4, 5], Enum.GetValues<ClockState>().Select(s => (int)s));
    }

    [Fact]
    public void Read_only_adjtimex_agrees_with_the_adjtimex_tool()
    {
        // If something (a time daemon on a shared host kernel) changes the state during the
        // comparison, the window is retried; a quiet kernel compares on the first attempt.
        TimexResult before, after;
        Dictionary<string, long> printed;
        var attempts = 0;
        do
        {
            before = KernelTimex.Read();
            printed = RunAdjtimexPrint();
            after = KernelTimex.Read();
        }
        while (!Quiet(before.Timex, after.Timex) && ++attempts < 5);

        Assert.Equal(0, printed["mode"]);
        Assert.Equal(before.Timex.TickUs, printed["tick"]);
        Assert.Equal(after.Timex.TickUs, printed["tick"]);
        Assert.Equal(before.Timex.FrequencyScaledPpm, printed["frequency"]);
        Assert.Equal((long)before.Timex.Status, printed["status"]);
        Assert.Equal(before.Timex.Constant, printed["time_constant"]);
        Assert.Equal(before.Timex.PrecisionUs, printed["precision"]);
        Assert.Equal(before.Timex.ToleranceScaledPpm, printed["tolerance"]);
        Assert.Equal(before.Timex.EstErrorUs, printed["esterror"]);
        Assert.Equal((long)before.State, printed["return value"]);
        // maxerror only grows (500 us per second, capped at 16 s) between our two reads.
        Assert.InRange(printed["maxerror"], before.Timex.MaxErrorUs, after.Timex.MaxErrorUs);
        Assert.InRange(printed["raw time"], before.Timex.TimeSeconds, after.Timex.TimeSeconds);
    }

    [Fact]
    public void Read_only_clock_adjtime_on_realtime_agrees_with_adjtimex()
    {
        var viaAdjtimex = KernelTimex.Read();
        var viaClock = KernelTimex.ClockAdjtime(KernelClocks.Realtime, default);
        Assert.Equal(viaAdjtimex.State, viaClock.State);
        Assert.Equal(viaAdjtimex.Timex.TickUs, viaClock.Timex.TickUs);
        Assert.Equal(viaAdjtimex.Timex.FrequencyScaledPpm, viaClock.Timex.FrequencyScaledPpm);
        Assert.Equal(viaAdjtimex.Timex.Status, viaClock.Timex.Status);
        Assert.InRange(viaClock.Timex.TimeNs - viaAdjtimex.Timex.TimeNs, 0, 1_000_000_000);
    }

    [Fact]
    public async Task Change_without_cap_sys_time_is_a_clear_permission_error_in_a_child_process()
    {
        var setpriv = FindTool("setpriv");
        Assert.True(setpriv is not null, "setpriv (util-linux) is needed to drop CAP_SYS_TIME for the child");
        var probe = Path.Combine(AppContext.BaseDirectory, "TimeActors.Linux.Probe.dll");
        Assert.True(File.Exists(probe), $"probe not built at {probe}");

        var start = new ProcessStartInfo(setpriv!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--inh-caps=-sys_time", "--bounding-set=-sys_time", "--", Environment.ProcessPath ?? "dotnet", probe, "adjtimex-eperm" })
        {
            start.ArgumentList.Add(arg);
        }

        // The test host may itself be "dotnet exec testhost.dll"; run the probe with the same dotnet.
        if (!Path.GetFileNameWithoutExtension(start.ArgumentList[3]).Equals("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList[3] = "dotnet";
        }

        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = await child.StandardError.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        Assert.True(child.ExitCode == 0, $"probe exit {child.ExitCode}: {stdout} {stderr}");
        Assert.Contains("CAP_SYS_TIME", stdout, StringComparison.Ordinal);
        Assert.Contains("EPERM", stdout, StringComparison.Ordinal);
    }

    private static bool Quiet(Timex a, Timex b) =>
        a.TickUs == b.TickUs && a.FrequencyScaledPpm == b.FrequencyScaledPpm && a.Status == b.Status &&
        a.EstErrorUs == b.EstErrorUs && a.Constant == b.Constant && a.MaxErrorUs <= b.MaxErrorUs;

    private static Dictionary<string, long> RunAdjtimexPrint()
    {
        var tool = FindTool("adjtimex");
        Assert.True(tool is not null, "the adjtimex tool (Debian package adjtimex) is needed");
        var start = new ProcessStartInfo(tool!, "--print") { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.Contains('=', StringComparison.Ordinal) && line.TrimStart().StartsWith("return", StringComparison.Ordinal) ? '=' : ':';
            var parts = line.Split(separator, 2);
            if (parts.Length != 2)
            {
                continue;
            }

            // "raw time:  1795311488s 842498us = ..." keeps only the seconds.
            var number = new string([.. parts[1].Trim().TakeWhile(c => char.IsDigit(c) || c == '-')]);
            if (number.Length > 0)
            {
                values[parts[0].Trim()] = long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    private static string? FindTool(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
